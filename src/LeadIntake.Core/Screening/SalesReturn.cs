using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A team mailbox (service, HR, marketing) says a routed request is a sales lead after all: <c>routed_*</c> →
/// <c>mql</c> with intent <c>commercial</c>, and an audit event naming the mailbox. The handler then queues the lead for
/// dispatch. Asking again once it is back with sales is <see cref="LeadChange.Unchanged"/>.
/// </summary>
public static class SalesReturn
{
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
