using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A person confirms that a lead held for review is spam: <c>review</c> → <c>spam</c>, with who and when. Only a lead
/// in review: a lead already in quarantine has nothing to confirm (asking again is <see cref="LeadChange.Unchanged"/>
/// when it was confirmed from review, so a retried request stays harmless).
/// </summary>
public static class SpamConfirmation
{
    /// <summary>
    /// The confirmation as a stage decision: then out of the review queue and a <c>spam</c> feedback example stored
    /// (a repeat with the same label is a no-op), also when it was confirmed already.
    /// </summary>
    public static StageDecision Decide(Lead lead, string actor, DateTimeOffset now)
    {
        var change = Confirm(lead, actor, now);
        return StageDecision.Of(change, change switch
        {
            LeadChange.Applied applied => FollowUps(applied.Lead, actor, now),
            LeadChange.Unchanged unchanged => FollowUps(unchanged.Lead, actor, now),
            _ => [],
        });
    }

    private static NextStep[] FollowUps(Lead confirmed, string actor, DateTimeOffset now) =>
    [
        new NextStep.RemoveFromReview(confirmed.Id),
        new NextStep.RecordFeedback(FeedbackExamples.From(confirmed, LeadIntent.Spam, FeedbackSource.ConfirmedSpam, actor, now)),
    ];

    public static LeadChange Confirm(Lead lead, string actor, DateTimeOffset now)
    {
        switch (LeadLifecycle.Decide(lead.Status, LeadTrigger.ConfirmSpam))
        {
            case TransitionOutcome.Advanced advanced:
                var confirmed = lead.MovedTo(advanced.To, now) with { Intent = LeadIntent.Spam, LastProgressAt = now };
                return new LeadChange.Applied(confirmed, [new LeadEvent(LeadEventType.SpamConfirmed, now, actor, "correction: spam (was held for review)")]);
            case TransitionOutcome.AlreadyThere when WasReviewed(lead):
                return new LeadChange.Unchanged(lead, "already confirmed as spam");
            default:
                return new LeadChange.Rejected($"Only a lead in status 'review' can be confirmed as spam; this one is '{WireNames.Of(lead.Status)}'.");
        }
    }

    /// <summary>The lead went through <c>review</c> and now sits in quarantine: it was confirmed as spam.</summary>
    public static bool WasReviewed(Lead lead) => lead.Status == LeadStatus.Spam && lead.StageTimes.ContainsKey(LeadStatus.Review);
}
