using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch;

/// <summary>
/// The acceptance SLA decider, for a timer. A lead in <c>assigned</c> is reminded at the first deadline
/// (<see cref="TeamSla.AcceptWithin"/>) and reassigned at the second (<see cref="TeamSla.ReassignAfter"/>), both from
/// the current assignment; once accepted (or moved on) the SLA no longer applies. Pure.
/// </summary>
public static class SlaWatch
{
    public const string Actor = "sla-watch";

    public static SlaDecision Decide(Lead lead, TeamSla sla, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned || lead.Assignment is not { } assignment) return new SlaDecision(SlaAction.None, null);
        var remindAt = lead.SlaDueAt ?? assignment.AssignedAt + sla.AcceptWithin;
        var reassignAt = assignment.AssignedAt + sla.ReassignAfter;
        if (now >= reassignAt)
        {
            // Escalated already: MarkReminded after an escalation leaves RemindedAt past the reassign deadline. The
            // handler escalates both at the limit and when no other rep could take the lead (Reassign was Unchanged).
            if (lead.RemindedAt >= reassignAt) return new SlaDecision(SlaAction.None, null);
            return new SlaDecision(lead.ReassignmentCount < sla.MaxReassignments ? SlaAction.Reassign : SlaAction.Escalate, null);
        }
        if (now >= remindAt)
        {
            return lead.RemindedAt is null ? new SlaDecision(SlaAction.Remind, reassignAt) : new SlaDecision(SlaAction.None, reassignAt);
        }
        return new SlaDecision(SlaAction.None, remindAt);
    }

    /// <summary>Records that the reminder (or the escalation) went out, so the next tick doesn't send it again.</summary>
    public static LeadChange MarkReminded(Lead lead, SlaAction action, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned) return new LeadChange.Unchanged(lead, "no longer waiting for acceptance");
        var type = action == SlaAction.Escalate ? "sla_escalated" : "sla_reminded";
        return new LeadChange.Applied(lead with { RemindedAt = now }, [new LeadEvent(type, now, Actor, lead.Assignment?.RepEmail)]);
    }
}
