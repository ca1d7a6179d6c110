using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// Applies an <see cref="AssignmentDecision"/> to the lead through the lifecycle: the assignment, the team, the SLA
/// deadline and the audit event. Pure; the handler saves the rotation (if changed) and the lead with their ETags.
/// </summary>
public static class LeadDispatcher
{
    public const string Actor = "dispatch";

    /// <summary>An MQL gets its first rep. A lead already assigned is left alone (a duplicate queue delivery).</summary>
    /// <param name="slaApplies">
    /// False when nobody else could take the lead (<see cref="LeadAssigner.HasAlternative"/>, or no directory): no
    /// deadline is set, so no mail promises one. The SLA watch starts it once another rep becomes eligible.
    /// </param>
    public static LeadChange Dispatch(Lead lead, AssignmentDecision decision, DateTimeOffset now, bool slaApplies = true)
    {
        switch (LeadLifecycle.Decide(lead.Status, LeadTrigger.Assign))
        {
            case TransitionOutcome.Rejected rejected:
                return new LeadChange.Rejected(rejected.Reason);
            case TransitionOutcome.AlreadyThere:
                return new LeadChange.Unchanged(lead, "already assigned");
        }
        var assigned = lead.MovedTo(LeadStatus.Assigned, now) with
        {
            Assignment = decision.Assignment,
            AssignedTeam = decision.Team.Id,
            SlaDueAt = slaApplies ? now + decision.Team.Sla.AcceptWithin : null,
            SlaStartedAt = slaApplies ? now : null,
            RemindedAt = null,
            LastProgressAt = now,
        };
        return new LeadChange.Applied(assigned, [new LeadEvent(LeadEventType.Assigned, now, Actor, decision.Assignment.Reason)]);
    }

    /// <summary>
    /// The lead moves to the rep chosen by <see cref="LeadAssigner.Reassign"/>; the previous rep joins
    /// <see cref="Lead.PreviousAssignees"/> so a later reassignment won't come back to them.
    /// </summary>
    /// <param name="slaApplies">False when nobody is left after the new rep: the new rep gets no deadline.</param>
    public static LeadChange Reassign(Lead lead, AssignmentDecision decision, string actor, DateTimeOffset now, bool slaApplies = true)
    {
        if (LeadLifecycle.Decide(lead.Status, LeadTrigger.Reassign) is TransitionOutcome.Rejected rejected)
        {
            return new LeadChange.Rejected(rejected.Reason);
        }
        if (lead.Assignment is { } current && string.Equals(current.RepEmail, decision.Assignment.RepEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new LeadChange.Unchanged(lead, "no other eligible rep: the lead stays with its current owner");
        }
        var previous = lead.Assignment is null ? lead.PreviousAssignees : [.. lead.PreviousAssignees, lead.Assignment.RepEmail];
        var moved = lead with
        {
            Assignment = decision.Assignment,
            AssignedTeam = decision.Team.Id,
            PreviousAssignees = previous,
            ReassignmentCount = lead.ReassignmentCount + 1,
            SlaDueAt = slaApplies ? now + decision.Team.Sla.AcceptWithin : null,
            SlaStartedAt = slaApplies ? now : null,
            RemindedAt = null,
            LastProgressAt = now,
        };
        return new LeadChange.Applied(moved, [new LeadEvent(LeadEventType.Reassigned, now, actor, decision.Assignment.Reason)]);
    }
}
