using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Assigns an MQL (docs/dispatch.md, "Wiring"): route by the rules, take the team's rotation and the account owner,
/// decide, save the rotation with its ETag (412 → reload and decide again once), save the lead with its ETag, then
/// mail the rep through the sent-once outbox and record when the rep was notified. A redelivery after any step
/// resumes from the next one: an assigned lead whose rep was not yet notified gets its mail; a notified one is left
/// alone. Without a sales directory every MQL goes to <c>Dispatch:DefaultRepEmail</c>.
/// </summary>
public sealed partial class DispatchLeadHandler(
    ILeadStore store,
    IMailOutbox outbox,
    ISalesDirectory directory,
    ITeamRotations rotations,
    IAccountOwners owners,
    RepMails mails,
    IOptionsSnapshot<DispatchOptions> options,
    TimeProvider time,
    ILogger<DispatchLeadHandler> logger)
{
    public async Task HandleAsync(LeadId id, CancellationToken cancellationToken)
    {
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        var stored = await AssignAsync(id, setup, cancellationToken).ConfigureAwait(false);
        if (stored is null) return;
        var lead = stored.Lead;
        if (lead.Status != LeadStatus.Assigned || lead.Assignment is null || lead.RepNotifiedAt is not null) return;

        await outbox.SendOnceAsync(id, mails.RoutedLead(lead, lead.Assignment, setup), cancellationToken).ConfigureAwait(false);

        for (int attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var notified = stored.Lead with { RepNotifiedAt = now };
            try
            {
                await store.SaveAsync(stored, notified, [new LeadEvent(LeadEventType.RepNotified, now, "dispatch", RoutedLeadMail.Purpose)], cancellationToken).ConfigureAwait(false);
                LeadIntakeTelemetry.RepNotified(now - lead.CapturedAt);
                LogNotified(logger, id.Value, (now - lead.CapturedAt).TotalMilliseconds);
                return;
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (stored is null || stored.Lead.RepNotifiedAt is not null) return;
            }
        }
    }

    private async Task<StoredLead?> AssignAsync(LeadId id, RoutingSetup? setup, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                LogUnknownLead(logger, id.Value);
                return null;
            }
            if (stored.Lead.Status != LeadStatus.Mql) return stored;
            var now = time.GetUtcNow();
            var decision = setup is null ? DefaultRep(now) : await DecideAsync(stored.Lead, setup, now, cancellationToken).ConfigureAwait(false);
            // No deadline when nobody else could take the lead: no directory, or no other eligible rep in the team.
            var slaApplies = setup is not null && LeadAssigner.HasAlternative(stored.Lead, decision, setup.Directory, now);
            if (LeadDispatcher.Dispatch(stored.Lead, decision, now, slaApplies) is not LeadChange.Applied applied) return stored;
            try
            {
                var saved = await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
                LogAssigned(logger, id.Value, decision.Method, decision.Team.Id);
                return saved;
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                // someone else moved it: decide again on the fresh copy
            }
        }
    }

    /// <summary>Assign with the team's rotation; a concurrent dispatcher spending the same turn → reload, decide again once.</summary>
    internal static async Task<AssignmentDecision> WithRotationAsync(
        ITeamRotations rotations, string teamId, Func<TeamRotation, AssignmentDecision> decide, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var rotation = await rotations.LoadAsync(teamId, cancellationToken).ConfigureAwait(false);
            var decision = decide(rotation.Rotation);
            if (!decision.RotationChanged || await rotations.TrySaveAsync(rotation, decision.Rotation, cancellationToken).ConfigureAwait(false)) return decision;
            if (attempt > 0) throw new InvalidOperationException($"The rotation of team '{teamId}' changed concurrently twice; the queue retries the message.");
        }
    }

    private async Task<AssignmentDecision> DecideAsync(Lead lead, RoutingSetup setup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var route = LeadAssigner.Route(lead, setup.Directory, setup.Rules);
        var owner = await owners.FindAsync(lead, cancellationToken).ConfigureAwait(false);
        return await WithRotationAsync(rotations, route.Team.Id,
            rotation => LeadAssigner.Assign(lead, setup.Directory, route, rotation, owner, now), cancellationToken).ConfigureAwait(false);
    }

    private AssignmentDecision DefaultRep(DateTimeOffset now)
    {
        var settings = options.Value;
        var team = new SalesTeam
        {
            Id = "default", Name = "default", ManagerEmail = settings.DefaultRepEmail, FallbackOwner = settings.DefaultRepEmail,
        };
        var assignment = new RepAssignment(settings.DefaultRepEmail, settings.DefaultRepName, "no assignment rules configured → default rep", now);
        return new AssignmentDecision(assignment, team, AssignmentMethod.FallbackOwner, TeamRotation.Start(team.Id), false, null);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Lead {LeadId}: rep notified {ElapsedMs} ms after capture")]
    private static partial void LogNotified(ILogger logger, string leadId, double elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for dispatch; message completed")]
    private static partial void LogUnknownLead(ILogger logger, string leadId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Lead {LeadId} assigned by {Method} in team {TeamId}")]
    private static partial void LogAssigned(ILogger logger, string leadId, AssignmentMethod method, string teamId);
}
