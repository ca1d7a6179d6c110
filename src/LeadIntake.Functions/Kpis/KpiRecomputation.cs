using Azure.Data.Tables;
using LeadIntake.Core.Kpis;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// Recomputes months from the event log and corrects the projections where they drifted (a projection that failed
/// after its lead was saved, a host stopped between the two). A closed month whose figures change is marked restated,
/// and its page says so. Reads every lead captured in the lookback window: a timer's job, never a page's.
/// </summary>
internal sealed partial class KpiRecomputation(KpiLeadScan scan, TableKpiStore store, KpiCalendarSource calendars, KpiProjectionBuffer buffer, IOptions<KpiOptions> options, TimeProvider time, ILogger<KpiRecomputation> logger)
{
    private const int Attempts = 3;

    /// <returns>The months whose counters changed.</returns>
    public async Task<IReadOnlyList<KpiMonth>> RunAsync(IReadOnlyList<KpiMonth> months, CancellationToken cancellationToken)
    {
        var calendar = calendars.Calendar;
        var now = time.GetUtcNow();
        var current = calendar.MonthOf(now);
        var changed = new List<KpiMonth>();
        var pending = months.Distinct().Order().ToList();
        // Deltas noted before the run are written first, so the scan and the rows it replaces agree on them.
        await buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; attempt < Attempts && pending.Count > 0; attempt++)
        {
            var before = new Dictionary<KpiMonth, Dictionary<string, TableEntity>>();
            foreach (var month in pending) before[month] = await store.ReadShardsAsync(month, cancellationToken).ConfigureAwait(false);

            var computed = pending.ToDictionary(m => m, _ => new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal));
            var from = calendar.StartOf(pending[0].AddMonths(-options.Value.RecomputeLookbackMonths));
            var to = calendar.StartOf(pending[^1].AddMonths(1));
            int leads = 0;
            await foreach (var (lead, events) in scan.ReadAsync(from, to, cancellationToken).ConfigureAwait(false))
            {
                leads++;
                var shardOfLead = TableKpiStore.ShardOf(lead.Id);
                foreach (var (cell, n) in LeadKpiContributions.Compute(LeadKpiProfile.Of(lead), events, calendar))
                {
                    if (!computed.TryGetValue(cell.Month, out var shards)) continue;
                    var shard = $"{shardOfLead}-{TableKpiStore.FamilyOf(cell.Key)}";
                    if (!shards.TryGetValue(shard, out var cells)) shards[shard] = cells = new Dictionary<string, long>(StringComparer.Ordinal);
                    cells[cell.Key] = cells.GetValueOrDefault(cell.Key) + n;
                }
            }

            var retry = new List<KpiMonth>();
            foreach (var month in pending)
            {
                try
                {
                    if (!await store.ReplaceMonthAsync(month, before[month], computed[month], cancellationToken).ConfigureAwait(false)) continue;
                    changed.Add(month);
                    if (month < current) await store.MarkRestatedAsync(month, now, cancellationToken).ConfigureAwait(false);
                    LogCorrected(logger, month.ToString(), month < current);
                }
                catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
                {
                    // A projection landed while we read: read again rather than overwrite it.
                    retry.Add(month);
                }
            }
            LogRecomputed(logger, pending.Count, leads, retry.Count);
            pending = retry;
        }
        return changed;
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "KPI recomputation: {Months} months from {Leads} leads, {Retries} to read again")]
    private static partial void LogRecomputed(ILogger logger, int months, int leads, int retries);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Warning, Message = "KPI month {Month} corrected by the recomputation (closed month restated: {Restated})")]
    private static partial void LogCorrected(ILogger logger, string month, bool restated);
}
