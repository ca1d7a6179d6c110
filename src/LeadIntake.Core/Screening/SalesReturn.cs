using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A team mailbox (service, HR, marketing) says a routed request is a sales lead after all: <c>routed_*</c> →
/// <c>mql</c> with intent <c>commercial</c>, and an audit event naming the mailbox. The handler then queues the lead for
/// dispatch. Asking again once it is back with sales is <see cref="LeadChange.Unchanged"/>.
/// </summary>
public static class SalesReturn
{
    /// <summary>The return as a stage decision, with <see cref="FollowUps"/> once it is saved (or was already).</summary>
    public static StageDecision Decide(Lead lead, string mailbox, DateTimeOffset now)
    {
        var change = Return(lead, mailbox, now);
        return StageDecision.Of(change, change switch
        {
            LeadChange.Applied applied => FollowUps(applied.Lead, mailbox, now),
            LeadChange.Unchanged unchanged => FollowUps(unchanged.Lead, mailbox, now),
            _ => [],
        });
    }

    /// <summary>
    /// What follows a saved return, taken again by a second click: a <c>commercial</c> example (same label: no-op) and
    /// the dispatch message while the lead still waits in <c>mql</c> (dispatch is idempotent). Nothing for a lead that
    /// was never routed.
    /// </summary>
    public static IReadOnlyList<NextStep> FollowUps(Lead lead, string mailbox, DateTimeOffset now)
    {
        if (!WasRouted(lead)) return [];
        var example = new NextStep.RecordFeedback(FeedbackExamples.From(lead, LeadIntent.Commercial, FeedbackSource.ReturnedToSales, mailbox, now));
        return lead.Status == LeadStatus.Mql ? [example, new NextStep.Enqueue(PipelineQueue.Dispatch, lead.Id)] : [example];
    }

    private static bool WasRouted(Lead lead) =>
        lead.StageTimes.ContainsKey(LeadStatus.RoutedService) || lead.StageTimes.ContainsKey(LeadStatus.RoutedHr) || lead.StageTimes.ContainsKey(LeadStatus.RoutedOther);

    public static LeadChange Return(Lead lead, string mailbox, DateTimeOffset now)
    {
        switch (LeadLifecycle.Decide(lead.Status, LeadTrigger.ReturnToSales))
        {
            case TransitionOutcome.Advanced advanced:
                var from = WireNames.Of(lead.Status);
                var returned = lead.MovedTo(advanced.To, now) with { Intent = LeadIntent.Commercial, LastProgressAt = now };
                // The mailbox is a team address of this company, not a person's data.
                return new LeadChange.Applied(returned, [new LeadEvent(LeadEventType.ReturnedToSales, now, mailbox, $"correction: commercial (was {from})")]);
            case TransitionOutcome.AlreadyThere:
                return new LeadChange.Unchanged(lead, "already sent to sales");
            default:
                // Past mql (assigned, accepted, …): it is with sales already, the click came late.
                return lead.StageTimes.ContainsKey(LeadStatus.Mql)
                    ? new LeadChange.Unchanged(lead, "already sent to sales")
                    : new LeadChange.Rejected($"Only a routed request can be sent to sales; this lead is '{WireNames.Of(lead.Status)}'.");
        }
    }
}
