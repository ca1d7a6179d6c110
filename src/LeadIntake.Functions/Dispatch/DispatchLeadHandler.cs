using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Assigns an MQL (docs/dispatch.md, "Wiring"): loads the facts <see cref="DispatchStage"/> decides from — the routing
/// setup, the rep chosen by the rules with the team's rotation turn reserved (its own ETag loop:
/// <see cref="WithRotationAsync"/>), the account owner, whether a deadline applies — and runs the stage through the
/// <see cref="StageRunner"/>: the assignment is saved, the rep mailed once, then the lead marked notified. A redelivery
/// after any step resumes from the next one. Without a sales directory every MQL goes to <c>Dispatch:DefaultRepEmail</c>.
/// </summary>
internal sealed partial class DispatchLeadHandler(
    StageRunner runner,
    ISalesDirectory directory,
    ITeamRotations rotations,
    IAccountOwners owners,
    RepLinks links,
    IOptionsSnapshot<DispatchOptions> options,
    TimeProvider time,
    ILogger<DispatchLeadHandler> logger) : IStageContinuation
{
    public PipelineQueue Queue => PipelineQueue.Dispatch;

    public Task HandleAsync(LeadId id, CancellationToken cancellationToken) =>
        RunAsync(id, run => runner.RunAsync(id, run, cancellationToken));

    /// <summary>Dispatches an MQL that screening saved a moment ago, in the same invocation (<c>Dispatch:InlineAfterScreening</c>).</summary>
    public async Task<bool> TryRunAsync(StoredLead lead, CancellationToken cancellationToken)
    {
        if (!options.Value.InlineAfterScreening) return false;
        await RunAsync(lead.Lead.Id, async run => await runner.RunAsync(lead, run, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return true;
    }

    private async Task RunAsync(LeadId id, Func<DispatchRun, Task<LeadChange?>> execute)
    {
        var run = new DispatchRun(this);
        var change = await execute(run).ConfigureAwait(false);
        if (change is LeadChange.Applied && run.Facts?.Assignment is { } decision) LogAssigned(logger, id.Value, decision.Method, decision.Team.Id);
        if (run.Notified is { RepNotifiedAt: { } at } lead)
        {
            LeadIntakeTelemetry.RepNotified(at - lead.CapturedAt);
            LogNotified(logger, id.Value, (at - lead.CapturedAt).TotalMilliseconds);
        }
    }

    private async Task<DispatchFacts> LoadFactsAsync(Lead lead, CancellationToken cancellationToken)
    {
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        AssignmentDecision? decision = null;
        bool slaApplies = false;
        // Only an MQL takes a rotation turn: a redelivery for an assigned lead reserves nothing.
        if (lead.Status == LeadStatus.Mql)
        {
            var now = time.GetUtcNow();
            decision = setup is null ? DefaultRep(now) : await DecideAsync(lead, setup, now, cancellationToken).ConfigureAwait(false);
            // No deadline when nobody else could take the lead: no directory, or no other eligible rep in the team.
            slaApplies = setup is not null && LeadAssigner.HasAlternative(lead, decision, setup.Directory, now);
        }
        return new DispatchFacts(setup, decision, slaApplies, links.MailPolicy);
    }

    /// <summary>One message's run of the stage: it keeps the facts and the lead as marked notified, for the log and the metric.</summary>
    private sealed class DispatchRun(DispatchLeadHandler handler) : ILeadStage<DispatchFacts>
    {
        public DispatchFacts? Facts { get; private set; }

        public Lead? Notified { get; private set; }

        public string Name => "dispatch";

        public async Task<DispatchFacts> LoadFactsAsync(Lead lead, CancellationToken cancellationToken) =>
            Facts = await handler.LoadFactsAsync(lead, cancellationToken).ConfigureAwait(false);

        public StageDecision Decide(Lead lead, DispatchFacts facts, DateTimeOffset now)
        {
            var decision = DispatchStage.Decide(lead, facts, now);
            // The notification mark is its own small save after the mail: watch it, for the latency metric and the log.
            return decision with
            {
                Next = [.. decision.Next.Select(step => step is NextStep.Then { Stage: DispatchStage.RepNotifiedStage } then
                    ? then with { Decide = (l, at) => Watched(then.Decide(l, at)) }
                    : step)],
            };
        }

        private StageDecision Watched(StageDecision marked)
        {
            if (marked.Change is LeadChange.Applied applied) Notified = applied.Lead;
            return marked;
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

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Lead {LeadId} assigned by {Method} in team {TeamId}")]
    private static partial void LogAssigned(ILogger logger, string leadId, AssignmentMethod method, string teamId);
}
