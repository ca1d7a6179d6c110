using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// The team manager's answer to a reassignment or escalation notice, as a stage decision: hand the lead to another
/// eligible rep of the team (<see cref="RepAction.ManagerReassign"/>), or take it (<see cref="RepAction.ManagerTake"/>).
/// Only the manager of the lead's team may act, and only while the lead waits for acceptance (the lifecycle's
/// <c>reassign</c> trigger). The change is <see cref="LeadDispatcher.Reassign"/> with the manager as the actor, so the
/// audit trail says who and when; the new owner then gets the routed-lead mail (once per assignment). A repeat that
/// finds the lead already with the chosen owner sends that mail again (a no-op once sent). Pure.
/// </summary>
public static class ManagerActionStage
{
    public static bool IsManagerAction(RepAction action) => action is RepAction.ManagerReassign or RepAction.ManagerTake;

    /// <summary>Who the manager may hand the lead to: active members of the team, not away, other than its owner.</summary>
    public static IReadOnlyList<SalesRep> Candidates(Lead lead, SalesTeam team, SalesDirectory directory, DateTimeOffset now) =>
        team.Members.Select(directory.FindRep).OfType<SalesRep>()
            .Where(r => r.Active && !r.IsOutOfOffice(now))
            .Where(r => lead.Assignment is not { } owner || !string.Equals(owner.RepEmail, r.Email, StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>Whether <paramref name="email"/> manages the lead's team.</summary>
    public static bool IsManager(Lead lead, RoutingSetup setup, string email) =>
        setup.Directory.TeamOf(lead) is { } team && string.Equals(team.ManagerEmail, email, StringComparison.OrdinalIgnoreCase);

    /// <param name="chosenRep">The rep picked on the reassign form; ignored when the manager takes the lead.</param>
    /// <param name="refusals">Refusals fit to show the manager, in their language: not the manager, not a candidate.</param>
    public static StageDecision Decide(
        Lead lead, RepAction action, string manager, string? chosenRep, RoutingSetup setup, RepMailPolicy mails, ManagerRefusals refusals, DateTimeOffset now)
    {
        if (!IsManagerAction(action)) throw new ArgumentOutOfRangeException(nameof(action), action, "Not a manager action.");
        if (!IsManager(lead, setup, manager) || setup.Directory.TeamOf(lead) is not { } team) return StageDecision.Reject(refusals.NotManager);
        RepAssignment target;
        if (action == RepAction.ManagerTake)
        {
            target = new RepAssignment(team.ManagerEmail, setup.Directory.FindRep(team.ManagerEmail)?.Name, "taken by the team manager", now);
        }
        else
        {
            // Already handed to this rep (a repeat): the same owner, so the decision below is Unchanged.
            var rep = lead.Assignment is { } owner && string.Equals(owner.RepEmail, chosenRep, StringComparison.OrdinalIgnoreCase)
                ? setup.Directory.FindRep(chosenRep)
                : Candidates(lead, team, setup.Directory, now).FirstOrDefault(r => string.Equals(r.Email, chosenRep, StringComparison.OrdinalIgnoreCase));
            if (rep is null) return StageDecision.Reject(refusals.NotCandidate);
            target = new RepAssignment(rep.Email, rep.Name, $"reassigned by the team manager ({team.ManagerEmail})", now);
        }
        var decision = new AssignmentDecision(target, team, AssignmentMethod.Manager, TeamRotation.Start(team.Id), RotationChanged: false, setup.Directory.FindRep(target.RepEmail));
        // The manager chose this owner: the SLA runs for a rep they handed it to, not for themselves.
        var change = LeadDispatcher.Reassign(lead, decision, manager, now, slaApplies: action == RepAction.ManagerReassign);
        var acted = change switch
        {
            LeadChange.Applied applied => applied.Lead,
            LeadChange.Unchanged unchanged => unchanged.Lead,
            _ => null,
        };
        if (acted?.Assignment is not { } assignment) return StageDecision.Of(change);
        return StageDecision.Of(change, new NextStep.SendMail(lead.Id, mails.RoutedLead(acted, assignment, setup, now)));
    }
}

/// <summary>The manager pages' refusals, in the manager's language.</summary>
public sealed record ManagerRefusals(string NotManager, string NotCandidate);
