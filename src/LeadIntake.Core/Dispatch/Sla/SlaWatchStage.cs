using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>
/// The SLA watch's stage decider for one lead waiting in <c>assigned</c> (docs/dispatch.md, "SLA timer"; the contract:
/// docs/architecture.md, "The stage contract"). Pure.
/// <list type="bullet">
/// <item>No SLA running yet: it starts when another rep could take the lead, else it stays suspended.</item>
/// <item>Reminder and escalation: the mail goes out first (sent once per assignment), then a step marks the lead, so
/// a tick that finds the lead unmarked sends again (a no-op once sent) and marks it; a marked lead was mailed.</item>
/// <item>Reassignment: the new owner is saved first, then the new rep and the manager are mailed. Should those mails
/// fail, a later tick repairs the new rep's mail (<see cref="MailRepairDelay"/>).</item>
/// </list>
/// </summary>
public static class SlaWatchStage
{
    /// <summary>
    /// A reassigned lead's routed mail is sent again (a no-op when it went out) once its assignment is this old: long
    /// enough that the tick which reassigned it has finished sending its own mails.
    /// </summary>
    public static readonly TimeSpan MailRepairDelay = TimeSpan.FromMinutes(1);

    /// <summary>Whether the watch needs the team's rotation for this lead (its SLA may start now).</summary>
    public static bool NeedsRotation(Lead lead, SalesDirectory directory) => SlaWatch.AwaitsStart(lead, directory);

    /// <summary>Whether a reassignment is due, so the loader reserves the next rep's rotation turn.</summary>
    public static bool NeedsReassignment(Lead lead, SalesTeam team, SalesDirectory directory, DateTimeOffset now) =>
        !SlaWatch.AwaitsStart(lead, directory) && SlaWatch.Decide(lead, team.Sla, now).Action == SlaAction.Reassign;

    public static (SlaOutcome Outcome, StageDecision Decision) Decide(Lead lead, SlaFacts facts, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Assigned) return (SlaOutcome.None, StageDecision.Unchanged(lead, "no longer waiting for acceptance"));
        var directory = facts.Setup.Directory;
        var team = facts.Team;
        var repair = Repair(lead, facts, now);
        if (SlaWatch.AwaitsStart(lead, directory))
        {
            // No SLA ran for this lead (nobody else could take it, or it predates the directory): it starts now if
            // someone else can take the lead, so a directory loaded later never reassigns it at once.
            if (facts.Rotation is not { } rotation) return (SlaOutcome.None, StageDecision.Unchanged(lead, "rotation not loaded", repair));
            bool canMove = LeadAssigner.CanMoveOn(lead, directory, rotation, now);
            var change = canMove ? SlaWatch.Start(lead, team.Sla, now) : SlaWatch.Suspend(lead, now);
            return (canMove && change is LeadChange.Applied ? SlaOutcome.Started : SlaOutcome.None, StageDecision.Of(change, repair));
        }
        if (lead.Assignment is not { } current) return (SlaOutcome.None, StageDecision.Unchanged(lead, "no assignment"));
        switch (SlaWatch.Decide(lead, team.Sla, now).Action)
        {
            case SlaAction.Remind:
                return (SlaOutcome.Reminded, StageDecision.Unchanged(lead, "reminder due",
                [
                    .. repair,
                    new NextStep.SendMail(lead.Id, facts.Mails.Reminder(lead, current, team, facts.Setup, now)),
                    new NextStep.Then(lead.Id, "sla_reminded", (fresh, at) => Mark(fresh, team.Sla, SlaAction.Remind, at)),
                ]));
            case SlaAction.Reassign when facts.Reassignment is { } decision:
                if (LeadDispatcher.Reassign(lead, decision, SlaWatch.Actor, now) is LeadChange.Applied applied)
                {
                    // The new rep is promised a deadline only if someone is left after them.
                    if (!LeadAssigner.CanMoveOn(applied.Lead, directory, decision.Rotation, now))
                    {
                        applied = (LeadChange.Applied)LeadDispatcher.Reassign(lead, decision, SlaWatch.Actor, now, slaApplies: false);
                    }
                    return (SlaOutcome.Reassigned, StageDecision.Save(applied.Lead, applied.Events,
                        new NextStep.SendMail(lead.Id, facts.Mails.RoutedLead(applied.Lead, decision.Assignment, facts.Setup, now)),
                        new NextStep.SendMail(lead.Id, facts.Mails.ManagerNotice(applied.Lead, team, current, decision.Assignment, facts.Setup, Waited(lead, current, now), now))));
                }
                // Nobody else can take it: the manager is told instead.
                return Escalate(lead, current, facts, repair, now);
            case SlaAction.Reassign:
                return (SlaOutcome.None, StageDecision.Unchanged(lead, "reassignment due; no rep reserved for it", repair));
            case SlaAction.Escalate:
                return Escalate(lead, current, facts, repair, now);
            default:
                return (SlaOutcome.None, StageDecision.Unchanged(lead, "nothing due", repair));
        }
    }

    private static (SlaOutcome, StageDecision) Escalate(Lead lead, RepAssignment current, SlaFacts facts, NextStep[] repair, DateTimeOffset now) =>
        (SlaOutcome.Escalated, StageDecision.Unchanged(lead, "escalation due",
        [
            .. repair,
            new NextStep.SendMail(lead.Id, facts.Mails.ManagerNotice(lead, facts.Team, current, null, facts.Setup, Waited(lead, current, now), now)),
            new NextStep.Then(lead.Id, "sla_escalated", (fresh, at) => Mark(fresh, facts.Team.Sla, SlaAction.Escalate, at)),
        ]));

    /// <summary>
    /// Marks the reminder (or escalation) as sent, once its mail went out, if the lead still waits for it: a lead
    /// accepted, reassigned or marked meanwhile is left alone.
    /// </summary>
    private static StageDecision Mark(Lead lead, TeamSla sla, SlaAction action, DateTimeOffset now)
    {
        var due = SlaWatch.Decide(lead, sla, now).Action;
        bool stillDue = action == SlaAction.Remind ? due == SlaAction.Remind : due is SlaAction.Reassign or SlaAction.Escalate;
        return stillDue ? StageDecision.Of(SlaWatch.MarkReminded(lead, action, now)) : StageDecision.Unchanged(lead, "already marked or no longer due");
    }

    /// <summary>A reassignment is saved before its mail goes out: if that send failed, the new rep would never hear of the lead.</summary>
    private static NextStep[] Repair(Lead lead, SlaFacts facts, DateTimeOffset now) =>
        lead.Assignment is { } assigned && lead.ReassignmentCount > 0 && now - assigned.AssignedAt >= MailRepairDelay
            ? [new NextStep.SendMail(lead.Id, facts.Mails.RoutedLead(lead, assigned, facts.Setup, now))]
            : [];

    private static TimeSpan Waited(Lead lead, RepAssignment current, DateTimeOffset now) => now - (lead.SlaStartedAt ?? current.AssignedAt);
}
