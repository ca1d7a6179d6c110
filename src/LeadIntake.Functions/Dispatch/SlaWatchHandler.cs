using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// The acceptance SLA for every lead waiting in <c>assigned</c> (docs/dispatch.md, "Wiring"): per lead, load the
/// facts <see cref="SlaWatchStage"/> decides from (the team, its rotation when the SLA may start, the next rep with
/// the rotation turn reserved when a reassignment is due) and run it through the <see cref="StageRunner"/>: start the
/// SLA, remind, reassign or escalate. Without a sales directory there is nobody to reassign to: no-op.
/// </summary>
internal sealed partial class SlaWatchHandler(
    ILeadStore store,
    StageRunner runner,
    ISalesDirectory directory,
    ITeamRotations rotations,
    RepLinks links,
    IOptionsMonitor<DispatchOptions> options,
    TimeProvider time,
    ILogger<SlaWatchHandler> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (setup is null) return;
        var now = time.GetUtcNow();
        var waiting = new List<StoredLead>();
        await foreach (var stored in store.FindInStatusAsync(LeadStatus.Assigned, now - options.CurrentValue.SlaLookback, now.AddSeconds(1), cancellationToken).ConfigureAwait(false))
        {
            waiting.Add(stored);
        }
        // Leads without a running SLA look at their team's rotation on every tick: read each team's once per tick.
        var rotationsThisTick = new Dictionary<string, TeamRotation>(StringComparer.OrdinalIgnoreCase);
        var mails = links.MailPolicy;
        foreach (var stored in waiting)
        {
            try
            {
                await WatchAsync(stored, setup, rotationsThisTick, mails, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One lead's failure (SMTP down, a storage hiccup) must not stop the watch for the others; it is
                // retried on the next tick.
                LogWatchFailed(logger, e, stored.Lead.Id.Value);
            }
        }
    }

    private async Task WatchAsync(StoredLead stored, RoutingSetup setup, Dictionary<string, TeamRotation> rotationsThisTick, RepMailPolicy mails, CancellationToken cancellationToken)
    {
        var facts = await LoadFactsAsync(stored.Lead, setup, rotationsThisTick, mails, cancellationToken).ConfigureAwait(false);
        var outcome = SlaOutcome.None;
        await runner.RunAsync(stored, "sla-watch", (lead, now) =>
        {
            (outcome, var decision) = SlaWatchStage.Decide(lead, facts, now);
            return decision;
        }, cancellationToken).ConfigureAwait(false);
        var id = stored.Lead.Id.Value;
        switch (outcome)
        {
            case SlaOutcome.Started: LogSlaStarted(logger, id); break;
            case SlaOutcome.Reminded: LogReminded(logger, id); break;
            case SlaOutcome.Reassigned: LogReassigned(logger, id, stored.Lead.ReassignmentCount + 1); break;
            case SlaOutcome.Escalated: LogEscalated(logger, id, stored.Lead.ReassignmentCount); break;
        }
    }

    private async Task<SlaFacts> LoadFactsAsync(
        Lead lead, RoutingSetup setup, Dictionary<string, TeamRotation> rotationsThisTick, RepMailPolicy mails, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var team = setup.Directory.FindTeam(lead.AssignedTeam) ?? setup.Directory.DefaultTeam;
        TeamRotation? rotation = null;
        AssignmentDecision? reassignment = null;
        if (SlaWatchStage.NeedsRotation(lead, setup.Directory))
        {
            if (!rotationsThisTick.TryGetValue(team.Id, out rotation))
            {
                rotation = (await rotations.LoadAsync(team.Id, cancellationToken).ConfigureAwait(false)).Rotation;
                rotationsThisTick[team.Id] = rotation;
            }
        }
        else if (SlaWatchStage.NeedsReassignment(lead, team, setup.Directory, now))
        {
            // The next rep's turn is reserved here, outside the lead's save: the rotation has its own ETag loop.
            reassignment = await DispatchLeadHandler.WithRotationAsync(rotations, team.Id,
                r => LeadAssigner.Reassign(lead, setup.Directory, r, now), cancellationToken).ConfigureAwait(false);
        }
        return new SlaFacts(setup, team, rotation, reassignment, mails);
    }

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Lead {LeadId}: SLA watch failed; retried on the next tick")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string leadId);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Lead {LeadId}: another rep can now take it, SLA started")]
    private static partial void LogSlaStarted(ILogger logger, string leadId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Lead {LeadId}: SLA reminder sent")]
    private static partial void LogReminded(ILogger logger, string leadId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Lead {LeadId}: not accepted in time, reassigned (reassignment {Count})")]
    private static partial void LogReassigned(ILogger logger, string leadId, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Lead {LeadId}: not accepted after {Count} reassignment(s), escalated to the manager")]
    private static partial void LogEscalated(ILogger logger, string leadId, int count);
}
