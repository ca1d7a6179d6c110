using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// The dispatch stage's decider (docs/architecture.md, "The stage contract"). An MQL is assigned (saved with its
/// <c>assigned</c> event); then the rep is mailed through the sent-once outbox, and only then is the lead marked
/// notified (<see cref="MarkNotified"/>, its own small save). An assigned lead whose rep was not yet notified (the mail
/// or the mark failed) gets the same two steps again; a notified lead, or one that is not an MQL, gets nothing. Pure.
/// </summary>
public static class DispatchStage
{
    /// <summary>The stage name of the step that marks the rep notified.</summary>
    public const string RepNotifiedStage = "rep_notified";

    public static StageDecision Decide(Lead lead, DispatchFacts facts, DateTimeOffset now)
    {
        if (lead.Status == LeadStatus.Mql && facts.Assignment is { } assignment)
        {
            return LeadDispatcher.Dispatch(lead, assignment, now, facts.SlaApplies) switch
            {
                // The mail's purpose carries the new assignment's time: its claim rides on this save.
                LeadChange.Applied applied => StageDecision.Save(applied.Lead, applied.Events, Notify(applied.Lead, applied.Lead.Assignment!, facts, now, claimWithSave: true)),
                var other => StageDecision.Of(other),
            };
        }
        if (lead.Status == LeadStatus.Assigned && lead.Assignment is { } current && lead.RepNotifiedAt is null)
        {
            return StageDecision.Unchanged(lead, "assigned; the rep is not yet notified", Notify(lead, current, facts, now));
        }
        return StageDecision.Unchanged(lead, lead.Status == LeadStatus.Mql ? "no assignment decided" : "nothing to dispatch");
    }

    /// <summary>Records when the rep was told, once: a lead already marked is left alone.</summary>
    public static StageDecision MarkNotified(Lead lead, DateTimeOffset now) =>
        lead.RepNotifiedAt is not null
            ? StageDecision.Unchanged(lead, "rep already notified")
            : StageDecision.Save(lead with { RepNotifiedAt = now }, [new LeadEvent(LeadEventType.RepNotified, now, LeadDispatcher.Actor, RoutedLeadMail.Purpose)]);

    private static NextStep[] Notify(Lead lead, RepAssignment assignment, DispatchFacts facts, DateTimeOffset now, bool claimWithSave = false) =>
    [
        new NextStep.SendMail(lead.Id, facts.Mails.RoutedLead(lead, assignment, facts.Setup, now), claimWithSave),
        new NextStep.Then(lead.Id, RepNotifiedStage, MarkNotified),
    ];
}
