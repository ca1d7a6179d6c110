using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Screening;

/// <summary>
/// An admin (or the marketing mailbox, for a lead held for review) releases a quarantined or held lead: back to <c>captured</c>, marked so screening it again skips the spam verdict,
/// with a correction event saying who and why. The handler saves the lead and queues it for screening.
/// </summary>
public static class QuarantineRelease
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The release as a stage decision: then out of the review queue (when it was held for review) and queued for
    /// screening again. A repeat finds it released and takes the same steps. The ham example is stored when screening
    /// gives the released lead its intent (<see cref="ScreeningStage"/>).
    /// </summary>
    public static StageDecision Decide(Lead lead, string actor, string? reason, DateTimeOffset now)
    {
        var change = Release(lead, actor, reason, now);
        return StageDecision.Of(change, change switch
        {
            LeadChange.Applied applied => FollowUps(applied.Lead),
            LeadChange.Unchanged unchanged => FollowUps(unchanged.Lead),
            _ => [],
        });
    }

    private static NextStep[] FollowUps(Lead released) => released.StageTimes.ContainsKey(LeadStatus.Review)
        ? [new NextStep.RemoveFromReview(released.Id), new NextStep.Enqueue(PipelineQueue.Captured, released.Id)]
        : [new NextStep.Enqueue(PipelineQueue.Captured, released.Id)];

    public static LeadChange Release(Lead lead, string actor, string? reason, DateTimeOffset now)
    {
        switch (LeadLifecycle.Decide(lead.Status, LeadTrigger.Release))
        {
            case TransitionOutcome.Advanced advanced:
                var why = TextSanitizer.SingleLine(reason);
                if (why is { Length: > MaxReasonLength }) why = why[..MaxReasonLength];
                var released = lead.MovedTo(advanced.To, now) with { ReleasedFromQuarantine = true };
                var what = lead.Status == LeadStatus.Review ? "correction: not spam (was held for review)" : "correction: not spam";
                // Event details carry no personal data: the reason is the admin's own words about the verdict.
                return new LeadChange.Applied(released, [new LeadEvent(LeadEventType.Released, now, actor, why is null ? what : $"{what}: {why}")]);
            case TransitionOutcome.AlreadyThere when lead.ReleasedFromQuarantine:
                return new LeadChange.Unchanged(lead, "already released, waiting for screening");
            default:
                return new LeadChange.Rejected($"Only a lead in status 'spam' or 'review' can be released; this one is '{WireNames.Of(lead.Status)}'.");
        }
    }
}
