using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Functions.Stages;

/// <summary>
/// Runs every stage the same way (docs/architecture.md, "The stage contract"): load the lead and the stage's facts,
/// decide, save the change with the lead's ETag, and when someone else saved first, reload the lead and decide once
/// more with the same facts. Then take the decision's next steps in order — also when nothing was saved, because a
/// redelivery that finds the stage done gets the same steps back and repeats them (each is idempotent). This is the one
/// place that handles <see cref="LeadChangedConcurrentlyException"/>: a second concurrent change in a row propagates,
/// and the queue (or the caller) retries the whole run.
/// </summary>
internal sealed partial class StageRunner(ILeadStore store, NextStepPerformer steps, TimeProvider time, ILogger<StageRunner> logger)
{
    /// <returns>The change as saved (an <see cref="LeadChange.Applied"/> carries the saved lead); null when there is no such lead.</returns>
    public async Task<LeadChange?> RunAsync<TFacts>(LeadId id, ILeadStage<TFacts> stage, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(id, stage.Name, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await RunAsync(stored, stage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="stage"/> on a lead the caller already loaded (an HTTP action, a timer's query).</summary>
    public async Task<LeadChange> RunAsync<TFacts>(StoredLead stored, ILeadStage<TFacts> stage, CancellationToken cancellationToken)
    {
        var facts = await stage.LoadFactsAsync(stored.Lead, cancellationToken).ConfigureAwait(false);
        return await RunAsync(stored, stage.Name, (lead, now) => stage.Decide(lead, facts, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a decider that needs no facts beyond the lead (or captures them itself).</summary>
    public async Task<LeadChange?> RunAsync(LeadId id, string stage, Func<Lead, DateTimeOffset, StageDecision> decide, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(id, stage, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await RunAsync(stored, stage, decide, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeadChange> RunAsync(StoredLead stored, string stage, Func<Lead, DateTimeOffset, StageDecision> decide, CancellationToken cancellationToken)
    {
        var decision = decide(stored.Lead, time.GetUtcNow());
        StageDecision saved;
        try
        {
            saved = await SaveAsync(stored, decision, cancellationToken).ConfigureAwait(false);
        }
        catch (LeadChangedConcurrentlyException)
        {
            LogConcurrentChange(logger, stage, stored.Lead.Id.Value);
            if (await store.FindAsync(stored.Lead.Id, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return new LeadChange.Rejected("The lead no longer exists.");
            }
            saved = await SaveAsync(fresh, decide(fresh.Lead, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        if (saved.Change is LeadChange.Applied applied) LogSaved(logger, stage, applied.Lead.Id.Value, applied.Lead.Status, applied.Events.Count);
        foreach (var step in saved.Next)
        {
            await TakeAsync(step, stage, cancellationToken).ConfigureAwait(false);
        }
        return saved.Change;
    }

    private async Task<StageDecision> SaveAsync(StoredLead stored, StageDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Change is not LeadChange.Applied applied) return decision;
        var saved = await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
        return decision with { Change = applied with { Lead = saved.Lead } };
    }

    private async Task TakeAsync(NextStep step, string stage, CancellationToken cancellationToken)
    {
        if (step is NextStep.Then then)
        {
            await RunAsync(then.Lead, then.Stage, then.Decide, cancellationToken).ConfigureAwait(false);
            return;
        }
        await steps.PerformAsync(step, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredLead?> FindAsync(LeadId id, string stage, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        // A lead is stored before its message is sent, so an unknown id can never succeed: the message is completed.
        if (stored is null) LogUnknownLead(logger, stage, id.Value);
        return stored;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Lead {LeadId}: {Stage} saved, now {Status} ({EventCount} events)")]
    private static partial void LogSaved(ILogger logger, string stage, string leadId, LeadStatus status, int eventCount);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Lead {LeadId}: changed concurrently during {Stage}; reloaded to decide once more")]
    private static partial void LogConcurrentChange(ILogger logger, string stage, string leadId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for {Stage}; nothing to do")]
    private static partial void LogUnknownLead(ILogger logger, string stage, string leadId);
}
