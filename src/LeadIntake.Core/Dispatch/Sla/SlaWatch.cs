using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>
/// The acceptance SLA decider, for a timer. A lead in <c>assigned</c> is reminded at the first deadline
/// (<see cref="TeamSla.AcceptWithin"/>) and reassigned at the second (<see cref="TeamSla.ReassignAfter"/>), both from
/// when its SLA started; once accepted (or moved on) the SLA no longer applies. A lead without a deadline (nobody else
/// could take it) is left alone until <see cref="Start"/> gives it one. Pure.
/// </summary>
public static class SlaWatch
{
    public const string Actor = "sla-watch";

    public static SlaDecision Decide(Lead lead, TeamSla sla, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned || lead.Assignment is not { } assignment) return new SlaDecision(SlaAction.None, null);
        if (lead.SlaDueAt is not { } remindAt) return new SlaDecision(SlaAction.None, null);
        var reassignAt = StartOf(lead, assignment) + sla.ReassignAfter;
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

    /// <summary>When the lead moves on if still not accepted: the SLA's start plus the team's reassign delay.</summary>
    public static DateTimeOffset ReassignAt(Lead lead, TeamSla sla) =>
        (lead.Assignment is { } assignment ? StartOf(lead, assignment) : lead.CapturedAt) + sla.ReassignAfter;

    /// <summary>
    /// Whether a waiting lead has no running SLA yet: no deadline (nobody else could take it at dispatch), or a lead
    /// stored before SLA starts were recorded whose team is not in the directory (dispatched to the default rep
    /// before a directory existed). Such a lead's SLA starts when another rep can first take it, never in the past.
    /// </summary>
    public static bool AwaitsStart(Lead lead, SalesDirectory directory) =>
        lead.Status == LeadStatus.Assigned && lead.RemindedAt is null &&
        (lead.SlaDueAt is null || (lead.SlaStartedAt is null && directory.FindTeam(lead.AssignedTeam) is null));

    /// <summary>Starts the SLA now: the rep gets the full delays from this moment, as if the lead had just arrived.</summary>
    public static LeadChange Start(Lead lead, TeamSla sla, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned) return new LeadChange.Unchanged(lead, "no longer waiting for acceptance");
        var started = lead with { SlaStartedAt = now, SlaDueAt = now + sla.AcceptWithin, RemindedAt = null };
        return new LeadChange.Applied(started, [new LeadEvent(LeadEventType.SlaStarted, now, Actor, lead.Assignment?.RepEmail)]);
    }

    /// <summary>Leaves a lead stored before SLA starts were recorded without a deadline until another rep can take it.</summary>
    public static LeadChange Suspend(Lead lead, DateTimeOffset now) =>
        lead.SlaDueAt is null
            ? new LeadChange.Unchanged(lead, "no SLA running")
            : new LeadChange.Applied(lead with { SlaDueAt = null, SlaStartedAt = null }, [new LeadEvent(LeadEventType.SlaSuspended, now, Actor, lead.Assignment?.RepEmail)]);

    private static DateTimeOffset StartOf(Lead lead, RepAssignment assignment) => lead.SlaStartedAt ?? assignment.AssignedAt;

    /// <summary>Records that the reminder (or the escalation) went out, so the next tick doesn't send it again.</summary>
    public static LeadChange MarkReminded(Lead lead, SlaAction action, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned) return new LeadChange.Unchanged(lead, "no longer waiting for acceptance");
        var type = action == SlaAction.Escalate ? LeadEventType.SlaEscalated : LeadEventType.SlaReminded;
        return new LeadChange.Applied(lead with { RemindedAt = now }, [new LeadEvent(type, now, Actor, lead.Assignment?.RepEmail)]);
    }
}
