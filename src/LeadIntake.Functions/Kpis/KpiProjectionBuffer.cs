using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The KPI projection, off the stages' critical path. A save only notes what it changed here (in memory, no I/O); every
/// <c>Kpis:ProjectionFlushInterval</c> the leads noted at least that long ago are projected together:
/// <list type="bullet">
/// <item>the saves of one lead are coalesced. A lead captured and carried through screening, dispatch and its rep
/// mail within the interval, every save following the one before (the ETag each save started from is the one the
/// previous save returned), needs no read at all: its whole event log is what the saves appended. Otherwise its log is
/// read once, whatever the number of saves;</item>
/// <item>the deltas of all leads of one month and shard go into one entity-group transaction (markers of every lead's
/// events plus the shard's touched counter rows): one query and one batch per shard and flush instead of three
/// calls per save, and no retry storm on the month's shared rows.</item>
/// </list>
/// A flush that fails keeps its leads for the next one (at most <see cref="Attempts"/> times; markers make a replay
/// count once). What the buffer still holds when the process dies is lost to the counters until the daily
/// recomputation (<see cref="KpiRecomputation"/>) restates them, as a failed projection always was. Reads of the
/// counters (the KPI page, the recomputation) flush first, so one instance reads its own writes. The host's stop
/// flushes what is left.
/// </summary>
internal sealed partial class KpiProjectionBuffer(
    TableLeadStore leads, TableKpiStore store, KpiCalendarSource calendars, IOptions<KpiOptions> options, ILogger<KpiProjectionBuffer> logger)
    : BackgroundService
{
    /// <summary>Flushes a lead may fail before its delta is left to the daily recomputation.</summary>
    public const int Attempts = 3;

    private const int Parallelism = 8;

    private readonly Lock _gate = new();
    private readonly Dictionary<LeadId, PendingLead> _pending = [];
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _transactions;
    private long _historyReads;
    private long _dropped;

    /// <summary>Storage transactions the projections used since start (the benchmarks read it).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Event-log reads the projections needed since start (a lead whose saves all passed here needs none).</summary>
    public long HistoryReads => Interlocked.Read(ref _historyReads);

    /// <summary>Leads whose delta was given up after <see cref="Attempts"/> failed flushes or because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Leads waiting to be projected.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    /// <summary>A new lead was stored (<paramref name="created"/> carries the ETag the create returned).</summary>
    public void Created(StoredLead created, LeadEvent firstEvent)
    {
        var group = new SaveGroup(null, LeadKpiProfile.Of(created.Lead), [firstEvent], created.ETag, FromCreation: true);
        lock (_gate)
        {
            if (_pending.TryGetValue(created.Lead.Id, out var lead)) lead.Groups.Add(group);
            else if (Admit()) _pending[created.Lead.Id] = new PendingLead(Environment.TickCount64, [group]) { AwaitingScreening = created.Lead.Status == LeadStatus.Captured };
        }
    }

    /// <summary>A lead was saved from <paramref name="current"/> to <paramref name="saved"/>, appending <paramref name="events"/>.</summary>
    public void Saved(StoredLead current, StoredLead saved, IReadOnlyList<LeadEvent> events)
    {
        var before = LeadKpiProfile.Of(current.Lead);
        var after = LeadKpiProfile.Of(saved.Lead);
        bool movesCounters = before != after || events.Any(e => KpiEventTypes.Classify(e) is not null);
        lock (_gate)
        {
            if (_pending.TryGetValue(saved.Lead.Id, out var lead))
            {
                var last = lead.Groups[^1];
                lead.AwaitingScreening = saved.Lead.Status == LeadStatus.Captured;
                if (last.ETag.Length > 0 && string.Equals(last.ETag, current.ETag, StringComparison.Ordinal))
                {
                    // The save started where the last one noted here ended: nobody saved the lead between them.
                    lead.Groups[^1] = last with { After = after, Added = [.. last.Added, .. events], ETag = saved.ETag };
                    return;
                }
                if (movesCounters) lead.Groups.Add(new SaveGroup(before, after, [.. events], saved.ETag, FromCreation: false));
                return;
            }
            // Mail receipts, BANT notes and touches move no counter unless the rep changed with them.
            if (!movesCounters) return;
            if (Admit()) _pending[saved.Lead.Id] = new PendingLead(Environment.TickCount64, [new SaveGroup(before, after, [.. events], saved.ETag, FromCreation: false)]);
        }
    }

    // Bounded: a long storage outage must not grow the buffer without end (the recomputation restates what is dropped).
    private bool Admit()
    {
        if (_pending.Count < options.Value.ProjectionMaxPending) return true;
        if (Interlocked.Increment(ref _dropped) % 1000 == 1) LogFull(logger, _pending.Count);
        return false;
    }

    /// <summary>Projects everything noted so far (a read of the counters calls this first).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(all: true, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(all: false, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Leads are flushed once they have waited a whole interval: each waits one to two intervals.
    private TimeSpan Tick => options.Value.ProjectionFlushInterval;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // What is left goes out now, within the host's shutdown time.
        try
        {
            await FlushAsync(all: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogFlushFailed(logger, e, e.GetType().Name);
        }
    }

    private async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<(LeadId Id, PendingLead Lead)> due;
            // Ages are measured on the monotonic clock: a frozen or shifted business clock must not hold the buffer.
            long cutoff = Environment.TickCount64 - (long)options.Value.ProjectionFlushInterval.TotalMilliseconds;
            // A lead still captured waits for its screening (behind a backlog, up to the hold): the two are then one
            // chain of saves whose log needs no read.
            long holdCutoff = Math.Min(cutoff, Environment.TickCount64 - (long)options.Value.ProjectionCaptureHold.TotalMilliseconds);
            lock (_gate)
            {
                due = _pending.Where(p => all || p.Value.Since <= (p.Value.AwaitingScreening && p.Value.Failures == 0 ? holdCutoff : cutoff)).Select(p => (p.Key, p.Value)).ToList();
                foreach (var (id, _) in due) _pending.Remove(id);
            }
            if (due.Count == 0) return;

            // Each lead's delta, computed from its coalesced saves (reading its event log only when needed).
            var deltas = new (LeadId Id, PendingLead Lead, Dictionary<KpiCell, long>? Delta, List<string> Keys)[due.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var (id, lead) = due[i];
                try
                {
                    deltas[i] = (id, lead, await DeltaOfAsync(id, lead, ct).ConfigureAwait(false), lead.Groups.SelectMany(g => g.Added).Select(KpiEventTypes.KeyOf).Distinct(StringComparer.Ordinal).ToList());
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    deltas[i] = (id, lead, null, []);
                    LogLeadFailed(logger, e, id.Value, e.GetType().Name);
                }
            }).ConfigureAwait(false);

            var failed = deltas.Where(d => d.Delta is null).Select(d => (d.Id, d.Lead)).ToList();
            var work = deltas
                .Where(d => d.Delta is { Count: > 0 })
                .SelectMany(d => d.Delta!.GroupBy(c => c.Key.Month).Select(m => (d.Id, d.Lead, Month: m.Key, Cells: m.ToDictionary(c => c.Key.Key, c => c.Value, StringComparer.Ordinal), d.Keys)))
                .GroupBy(w => (w.Month, Shard: TableKpiStore.ShardOf(w.Id)))
                .ToList();

            var failedShards = new System.Collections.Concurrent.ConcurrentBag<(LeadId, PendingLead)>();
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (shard, ct) =>
            {
                try
                {
                    var (used, _) = await store.ApplyManyAsync(shard.Key.Month, shard.Key.Shard, shard.Select(w => new KpiLeadDelta(w.Id, w.Cells, w.Keys)).ToList(), ct).ConfigureAwait(false);
                    Interlocked.Add(ref _transactions, used);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The whole lead goes back (a month it spans that was applied refuses the replay on its markers).
                    foreach (var w in shard) failedShards.Add((w.Id, w.Lead));
                    LogShardFailed(logger, e, shard.Key.Month.ToString(), shard.Key.Shard, e.GetType().Name);
                }
            }).ConfigureAwait(false);

            foreach (var (id, lead) in failed.Concat(failedShards).DistinctBy(f => f.Item1)) Requeue(id, lead);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<Dictionary<KpiCell, long>> DeltaOfAsync(LeadId id, PendingLead lead, CancellationToken cancellationToken)
    {
        var calendar = calendars.Calendar;
        IReadOnlyList<LeadEvent> history;
        if (lead.Groups is [{ FromCreation: true } only])
        {
            // Created here and every save since followed the previous one: the log is exactly what was appended.
            history = only.Added;
        }
        else
        {
            history = await leads.GetEventsAsync(id, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _transactions);
            Interlocked.Increment(ref _historyReads);
        }
        var total = new Dictionary<KpiCell, long>();
        foreach (var group in lead.Groups)
        {
            // Each group is projected against the log as it stood after its last event, so a later save (noted here or
            // made by another instance) does not leak into it.
            var upTo = HistoryUpTo(history, group.Added);
            foreach (var (cell, n) in KpiProjection.DeltaOfSave(group.Before, group.After, upTo, group.Added, calendar))
            {
                long value = total.GetValueOrDefault(cell) + n;
                if (value == 0) total.Remove(cell);
                else total[cell] = value;
            }
        }
        return total;
    }

    internal static IReadOnlyList<LeadEvent> HistoryUpTo(IReadOnlyList<LeadEvent> history, IReadOnlyList<LeadEvent> added)
    {
        if (added.Count == 0) return history;
        var last = KpiEventTypes.KeyOf(added[^1]);
        for (int i = history.Count - 1; i >= 0; i--)
        {
            if (string.Equals(KpiEventTypes.KeyOf(history[i]), last, StringComparison.Ordinal)) return i == history.Count - 1 ? history : history.Take(i + 1).ToList();
        }
        return history;
    }

    private void Requeue(LeadId id, PendingLead failed)
    {
        if (failed.Failures + 1 >= Attempts)
        {
            Interlocked.Increment(ref _dropped);
            LogGaveUp(logger, id.Value, Attempts);
            return;
        }
        lock (_gate)
        {
            // Saves noted meanwhile come after the failed ones.
            var groups = _pending.TryGetValue(id, out var newer) ? [.. failed.Groups, .. newer.Groups] : failed.Groups;
            _pending[id] = new PendingLead(failed.Since, groups, failed.Failures + 1) { AwaitingScreening = newer?.AwaitingScreening ?? failed.AwaitingScreening };
        }
    }

    /// <summary>Saves of one lead that followed one another (each started from the ETag the previous one returned).</summary>
    private sealed record SaveGroup(LeadKpiProfile? Before, LeadKpiProfile After, List<LeadEvent> Added, string ETag, bool FromCreation);

    private sealed record PendingLead(long Since, List<SaveGroup> Groups, int Failures = 0)
    {
        /// <summary>The last save noted left the lead captured: its screening is still to come.</summary>
        public bool AwaitingScreening { get; set; }
    }

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "KPI projection flush failed ({ErrorType}); its leads are kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string errorType);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Lead {LeadId}: KPI delta could not be computed ({ErrorType}); kept for the next flush")]
    private static partial void LogLeadFailed(ILogger logger, Exception exception, string leadId, string errorType);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "KPI month {Month} shard {Shard}: projection failed ({ErrorType}); its leads are kept for the next flush")]
    private static partial void LogShardFailed(ILogger logger, Exception exception, string month, string shard, string errorType);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Lead {LeadId}: KPI projection given up after {Attempts} failed flushes; the daily recomputation corrects the counters")]
    private static partial void LogGaveUp(ILogger logger, string leadId, int attempts);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "KPI projection buffer full ({Pending} leads): new stage changes wait for the daily recomputation")]
    private static partial void LogFull(ILogger logger, int pending);
}
