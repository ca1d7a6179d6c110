using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Stages;

namespace LeadIntake.Functions.Stages;

/// <summary>
/// Runs every stage the same way (docs/architecture.md, "The stage contract"): load the lead and the stage's facts,
/// decide, save the change with the lead's ETag, and when someone else saved first, reload the lead and decide once
/// more with the same facts. Then take the decision's next steps in order — also when nothing was saved, because a
/// redelivery that finds the stage done gets the same steps back and repeats them (each is idempotent). This is the one
/// place that handles <see cref="LeadChangedConcurrentlyException"/>: a second concurrent change in a row propagates,
/// and the queue (or the caller) retries the whole run. A next step on the same lead (<see cref="NextStep.Then"/>,
/// <see cref="NextStep.Continue"/>) starts from the lead as this run saved it, not from a second read.
/// </summary>
internal sealed partial class StageRunner(
    ILeadStore store, NextStepPerformer steps, TimeProvider time, ILogger<StageRunner> logger, StageContinuations? continuations = null)
{
    /// <returns>The change as saved (an <see cref="LeadChange.Applied"/> carries the saved lead); null when there is no such lead.</returns>
    public async Task<LeadChange?> RunAsync<TFacts>(LeadId id, ILeadStage<TFacts> stage, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(id, stage.Name, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await RunAsync(stored, stage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="stage"/> on a lead the caller already loaded (an HTTP action, a timer's query, the stage before).</summary>
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

    public async Task<LeadChange> RunAsync(StoredLead stored, string stage, Func<Lead, DateTimeOffset, StageDecision> decide, CancellationToken cancellationToken) =>
        (await RunCoreAsync(stored, stage, decide, [], cancellationToken).ConfigureAwait(false)).Change;

    /// <param name="carried"><c>sent</c> marks of mails the run before sent: written with this run's save, if it saves.</param>
    /// <returns>
    /// The change; the lead as this run last saved or read it (null when it vanished), from which the next steps on the
    /// same lead start; whether a save carried <paramref name="carried"/>.
    /// </returns>
    private async Task<(LeadChange Change, StoredLead? Current, bool CarriedSaved)> RunCoreAsync(
        StoredLead stored, string stage, Func<Lead, DateTimeOffset, StageDecision> decide, IReadOnlyList<LeadMailRow.Sent> carried, CancellationToken cancellationToken)
    {
        var decision = decide(stored.Lead, time.GetUtcNow());
        (StageDecision Decision, StoredLead Lead, IReadOnlyList<LeadMailRow> Mail) saved;
        try
        {
            saved = await SaveAsync(stored, decision, carried, cancellationToken).ConfigureAwait(false);
        }
        catch (LeadChangedConcurrentlyException)
        {
            LogConcurrentChange(logger, stage, stored.Lead.Id.Value);
            if (await store.FindAsync(stored.Lead.Id, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return (new LeadChange.Rejected("The lead no longer exists."), null, false);
            }
            saved = await SaveAsync(fresh, decide(fresh.Lead, time.GetUtcNow()), carried, cancellationToken).ConfigureAwait(false);
        }
        if (saved.Decision.Change is LeadChange.Applied applied) LogSaved(logger, stage, applied.Lead.Id.Value, applied.Lead.Status, applied.Events.Count);
        var current = saved.Lead;
        var claimed = saved.Mail.OfType<LeadMailRow.Claimed>().Select(c => c.Purpose).ToHashSet(StringComparer.Ordinal);
        var sent = new List<LeadMailRow.Sent>();
        try
        {
            foreach (var step in saved.Decision.Next)
            {
                current = await TakeAsync(step, stage, current, claimed, sent, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Mails this run sent whose mark no later save carried (none followed, or it failed): written on their own.
            if (sent.Count > 0) await steps.RecordSentAsync(current.Lead.Id, sent).ConfigureAwait(false);
        }
        return (saved.Decision.Change, current, saved.Mail.OfType<LeadMailRow.Sent>().Any());
    }

    /// <summary>
    /// Saves an applied change with the lead's outbox rows that ride on it: the <c>sent</c> marks carried from the run
    /// before, and the claims of the mails this decision sends next whose purpose is new with it.
    /// </summary>
    private async Task<(StageDecision Decision, StoredLead Lead, IReadOnlyList<LeadMailRow> Mail)> SaveAsync(
        StoredLead stored, StageDecision decision, IReadOnlyList<LeadMailRow.Sent> carried, CancellationToken cancellationToken)
    {
        if (decision.Change is not LeadChange.Applied applied) return (decision, stored, []);
        List<LeadMailRow> mail = [.. carried];
        mail.AddRange(decision.Next.OfType<NextStep.SendMail>().Where(s => s.ClaimWithSave && s.Lead == applied.Lead.Id).Select(steps.ClaimWithSave));
        var saved = await store.SaveAsync(stored, applied.Lead, applied.Events, mail, cancellationToken).ConfigureAwait(false);
        return (decision with { Change = applied with { Lead = saved.Lead } }, saved, mail);
    }

    /// <returns>The run's lead after the step: a step on the same lead that saved it moves its version on.</returns>
    private async Task<StoredLead> TakeAsync(
        NextStep step, string stage, StoredLead current, HashSet<string> claimed, List<LeadMailRow.Sent> sent, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case NextStep.SendMail send when send.ClaimWithSave && send.Lead == current.Lead.Id && claimed.Contains(send.Mail.Purpose):
                // Claimed in the save just made: send, and let the lead's next save carry the sent mark.
                sent.Add(await steps.SendClaimedAsync(send, cancellationToken).ConfigureAwait(false));
                return current;
            case NextStep.Then then when then.Lead == current.Lead.Id:
            {
                // The same lead, as this run just saved or read it: no second read. If someone saved it meanwhile, the
                // save is refused and the decision is taken again on the fresh lead, as for any stage.
                var (_, after, carriedSaved) = await RunCoreAsync(current, then.Stage, then.Decide, [.. sent], cancellationToken).ConfigureAwait(false);
                if (carriedSaved) sent.Clear();
                return after ?? current;
            }
            case NextStep.Then other:
                await RunAsync(other.Lead, other.Stage, other.Decide, cancellationToken).ConfigureAwait(false);
                return current;
            case NextStep.Continue next:
                await ContinueAsync(next, stage, current, cancellationToken).ConfigureAwait(false);
                return current;
            default:
                await steps.PerformAsync(step, cancellationToken).ConfigureAwait(false);
                return current;
        }
    }

    /// <summary>
    /// Runs the next stage in this invocation when the app has it and the lead is this run's. Anything else, or any
    /// failure of that run, puts the lead on the queue instead: the queued run then resumes where this one stopped
    /// (every stage finds its own work done and repeats only its missing steps).
    /// </summary>
    private async Task ContinueAsync(NextStep.Continue next, string stage, StoredLead current, CancellationToken cancellationToken)
    {
        if (next.Lead == current.Lead.Id && continuations?.For(next.Queue) is { } continuation)
        {
            try
            {
                if (await continuation.TryRunAsync(current, cancellationToken).ConfigureAwait(false)) return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever failed (storage, SMTP, a second concurrent change in a row), the queue retries it.
                LogContinueFailed(logger, e, stage, current.Lead.Id.Value, next.Queue);
            }
        }
        await steps.PerformAsync(new NextStep.Enqueue(next.Queue, next.Lead), cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Lead {LeadId}: the next stage after {Stage} failed in the same run; queued on {Queue} instead")]
    private static partial void LogContinueFailed(ILogger logger, Exception exception, string stage, string leadId, PipelineQueue queue);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for {Stage}; nothing to do")]
    private static partial void LogUnknownLead(ILogger logger, string stage, string leadId);
}
