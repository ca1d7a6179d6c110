using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// The acceptance SLA for every lead waiting in <c>assigned</c> (docs/dispatch.md, "SLA and velocity"): remind the rep,
/// then move the lead to the next eligible rep of its team and tell the manager, then escalate once the limit is
/// reached. Reminder and escalation: mail (sent once per assignment) then mark the lead; reassignment: save the new
/// owner first, then mail the new rep and the manager. Without a sales directory there is nobody to reassign to: no-op.
/// </summary>
public sealed partial class SlaWatchHandler(
    ILeadStore store,
    IMailOutbox outbox,
    ISalesDirectory directory,
    ITeamRotations rotations,
    RepMails mails,
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
        foreach (var stored in waiting)
        {
            try
            {
                await WatchAsync(stored, setup, rotationsThisTick, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One lead's failure (SMTP down, a storage hiccup) must not stop the watch for the others; it is
                // retried on the next tick.
                LogWatchFailed(logger, e, stored.Lead.Id.Value);
            }
        }
    }

    private async Task WatchAsync(StoredLead stored, RoutingSetup setup, Dictionary<string, TeamRotation> rotationsThisTick, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var lead = stored.Lead;
            var team = setup.Directory.FindTeam(lead.AssignedTeam) ?? setup.Directory.DefaultTeam;
            if (lead.Assignment is { } assigned && lead.ReassignmentCount > 0 && now - assigned.AssignedAt >= MailRepairDelay)
            {
                // A reassignment is saved before its mail goes out; if the send failed, the new rep would never hear
                // of the lead. Sending again is free when it went out (the outbox keeps one mail per assignment).
                await outbox.SendOnceAsync(lead.Id, mails.RoutedLead(lead, assigned, setup), cancellationToken).ConfigureAwait(false);
            }
            try
            {
                if (SlaWatch.AwaitsStart(lead, setup.Directory))
                {
                    // No SLA ran for this lead (nobody else could take it, or it predates the directory): it starts
                    // now if someone else can take the lead, so a directory loaded later never reassigns it at once.
                    if (!rotationsThisTick.TryGetValue(team.Id, out var rotation))
                    {
                        rotation = (await rotations.LoadAsync(team.Id, cancellationToken).ConfigureAwait(false)).Rotation;
                        rotationsThisTick[team.Id] = rotation;
                    }
                    bool canMove = LeadAssigner.CanMoveOn(lead, setup.Directory, rotation, now);
                    await SaveAsync(stored, canMove ? SlaWatch.Start(lead, team.Sla, now) : SlaWatch.Suspend(lead, now), cancellationToken).ConfigureAwait(false);
                    if (canMove) LogSlaStarted(logger, lead.Id.Value);
                    return;
                }
                var action = SlaWatch.Decide(lead, team.Sla, now).Action;
                if (action == SlaAction.None || lead.Assignment is not { } current) return;
                switch (action)
                {
                    case SlaAction.Remind:
                        await outbox.SendOnceAsync(lead.Id, mails.Reminder(lead, current, team, setup), cancellationToken).ConfigureAwait(false);
                        await SaveAsync(stored, SlaWatch.MarkReminded(lead, SlaAction.Remind, now), cancellationToken).ConfigureAwait(false);
                        LogReminded(logger, lead.Id.Value);
                        return;
                    case SlaAction.Reassign:
                        var decision = await DispatchLeadHandler.WithRotationAsync(rotations, team.Id,
                            rotation => LeadAssigner.Reassign(lead, setup.Directory, rotation, now), cancellationToken).ConfigureAwait(false);
                        if (LeadDispatcher.Reassign(lead, decision, SlaWatch.Actor, now) is LeadChange.Applied applied)
                        {
                            // The new rep is promised a deadline only if someone is left after them.
                            if (!LeadAssigner.CanMoveOn(applied.Lead, setup.Directory, decision.Rotation, now))
                            {
                                applied = (LeadChange.Applied)LeadDispatcher.Reassign(lead, decision, SlaWatch.Actor, now, slaApplies: false);
                            }
                            await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
                            await outbox.SendOnceAsync(lead.Id, mails.RoutedLead(applied.Lead, decision.Assignment, setup), cancellationToken).ConfigureAwait(false);
                            await outbox.SendOnceAsync(lead.Id, mails.ManagerNotice(applied.Lead, team, current, decision.Assignment, setup, now - (lead.SlaStartedAt ?? current.AssignedAt)), cancellationToken).ConfigureAwait(false);
                            LogReassigned(logger, lead.Id.Value, applied.Lead.ReassignmentCount);
                            return;
                        }
                        await EscalateAsync(stored, team, current, setup, now, cancellationToken).ConfigureAwait(false);
                        return;
                    case SlaAction.Escalate:
                        await EscalateAsync(stored, team, current, setup, now, cancellationToken).ConfigureAwait(false);
                        return;
                }
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                // accepted or moved meanwhile: decide again on the fresh copy
                if (await store.FindAsync(lead.Id, cancellationToken).ConfigureAwait(false) is not { } fresh) return;
                stored = fresh;
            }
        }
    }

    // Long enough that the tick which reassigned the lead has finished sending its own mails.
    private static readonly TimeSpan MailRepairDelay = TimeSpan.FromMinutes(1);

    private async Task EscalateAsync(StoredLead stored, SalesTeam team, RepAssignment current, RoutingSetup setup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await outbox.SendOnceAsync(stored.Lead.Id, mails.ManagerNotice(stored.Lead, team, current, null, setup, now - (stored.Lead.SlaStartedAt ?? current.AssignedAt)), cancellationToken).ConfigureAwait(false);
        await SaveAsync(stored, SlaWatch.MarkReminded(stored.Lead, SlaAction.Escalate, now), cancellationToken).ConfigureAwait(false);
        LogEscalated(logger, stored.Lead.Id.Value, stored.Lead.ReassignmentCount);
    }

    private async Task SaveAsync(StoredLead stored, LeadChange change, CancellationToken cancellationToken)
    {
        if (change is LeadChange.Applied applied) await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
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
