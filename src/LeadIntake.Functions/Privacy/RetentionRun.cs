using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// One retention run (docs/privacy.md, "Retention"): purges the leads that are due through <see cref="ILeadPurge"/>
/// (reason <see cref="PurgeReason.Retention"/>) and deletes raw payload rows past their period, at most
/// <see cref="RetentionOptions.MaxPerRun"/> of them, then appends one <see cref="PrivacyAction.RetentionPurged"/>
/// entry to the proof log. Resumable: a month left unfinished is scanned again by the next run, and purging a purged
/// lead or deleting a deleted row changes nothing.
/// </summary>
internal sealed partial class RetentionRun(
    RetentionScan scan,
    TableRetentionMarks marks,
    ILeadPurge purge,
    IPrivacyLog privacyLog,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionRun> logger)
{
    public const string Operator = "PurgeExpiredLeads";

    /// <summary>A raw row may still arrive for an older lead (a late callback merged into it): its month stays open this much longer.</summary>
    private static readonly TimeSpan LateDeliveryGrace = TimeSpan.FromDays(7);

    public async Task<RetentionRunCounts> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var periods = settings.Periods;
        var now = time.GetUtcNow();
        var counts = new RetentionRunCounts();
        int budget = settings.MaxPerRun;

        var oldest = await scan.OldestLeadMonthAsync(cancellationToken).ConfigureAwait(false);
        if (oldest is not null)
        {
            budget = await PurgeLeadsAsync(oldest, now, periods, settings.RescanEvery, budget, counts, cancellationToken).ConfigureAwait(false);
            if (budget > 0) await DeleteRawPayloadsAsync(oldest, now, periods, budget, counts, cancellationToken).ConfigureAwait(false);
        }

        await privacyLog.AppendAsync(new PrivacyLogEntry(now, PrivacyAction.RetentionPurged, "schedule", Operator, counts.Total, Detail: counts.Detail()), cancellationToken).ConfigureAwait(false);
        LogRun(logger, counts.Total, counts.MonthsScanned, counts.Unfinished);
        return counts;
    }

    private async Task<int> PurgeLeadsAsync(string oldest, DateTimeOffset now, RetentionPeriods periods, TimeSpan rescanEvery, int budget, RetentionRunCounts counts, CancellationToken cancellationToken)
    {
        var (watermark, months) = await marks.ReadAsync(TableRetentionMarks.Leads, cancellationToken).ConfigureAwait(false);
        var first = watermark is not null && string.CompareOrdinal(watermark, oldest) > 0 ? watermark : oldest;
        // No lead captured later than this can be due: every class keeps a lead at least the shortest period.
        var last = RetentionScan.MonthOf(now - periods.ShortestLeadPeriod);
        var newWatermark = first;
        bool contiguousDone = true;
        foreach (var month in RetentionScan.Months(first, last))
        {
            months.TryGetValue(month, out var mark);
            if (mark is { Done: true })
            {
                if (contiguousDone) newWatermark = TableRetentionMarks.NextMonth(month);
                continue;
            }
            contiguousDone = false;
            // The month's earliest due instant is a lower bound: more facts only push a lead's due instant later.
            if (mark is { NextDueAt: { } next } && next > now && mark.ScannedAt + rescanEvery > now) continue;

            counts.MonthsScanned++;
            DateTimeOffset? nextDue = null;
            bool finished = true;
            await foreach (var lead in scan.LeadsInMonthAsync(month, cancellationToken).ConfigureAwait(false))
            {
                var verdict = await scan.EvaluateAsync(lead, now, periods, cancellationToken).ConfigureAwait(false);
                if (verdict is null) continue;
                if (!verdict.IsDue(now))
                {
                    nextDue = nextDue is { } n && n < verdict.DueAt ? n : verdict.DueAt;
                    continue;
                }
                if (budget == 0)
                {
                    finished = false;
                    break;
                }
                var result = await purge.PurgeAsync(lead.Id, PurgeReason.Retention, cancellationToken).ConfigureAwait(false);
                budget--;
                if (result is { Found: true, AlreadyPurged: false }) counts.Add(verdict.Class);
            }
            if (!finished)
            {
                counts.Unfinished = true;
                break; // the month's mark stays as it was: the next run scans it again
            }
            var done = nextDue is null;
            await marks.SaveMonthAsync(TableRetentionMarks.Leads, month, new RetentionMonthMark(nextDue, now, done), cancellationToken).ConfigureAwait(false);
        }
        if (newWatermark != watermark) await marks.SaveWatermarkAsync(TableRetentionMarks.Leads, newWatermark, cancellationToken).ConfigureAwait(false);
        return budget;
    }

    private async Task DeleteRawPayloadsAsync(string oldest, DateTimeOffset now, RetentionPeriods periods, int budget, RetentionRunCounts counts, CancellationToken cancellationToken)
    {
        var (watermark, _) = await marks.ReadAsync(TableRetentionMarks.RawPayloads, cancellationToken).ConfigureAwait(false);
        var first = watermark is not null && string.CompareOrdinal(watermark, oldest) > 0 ? watermark : oldest;
        var last = RetentionScan.MonthOf(now - periods.RawPayload);
        var newWatermark = first;
        bool contiguousDone = true;
        foreach (var month in RetentionScan.Months(first, last))
        {
            counts.MonthsScanned++;
            bool left = false;
            await foreach (var (partitionKey, rowKey, leadId) in scan.RawRowsInMonthAsync(month, cancellationToken).ConfigureAwait(false))
            {
                if (RetentionPolicy.RawPayloadDueAt(leadId.Timestamp, periods) > now)
                {
                    left = true;
                    continue;
                }
                if (budget == 0)
                {
                    counts.Unfinished = true;
                    left = true;
                    break;
                }
                await scan.DeleteRawAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
                budget--;
                counts.Add(RetentionClass.RawPayload);
            }
            // A month is left behind once all its rows are gone and no late delivery can add one that is not due at once.
            var closed = !left && RetentionScan.EndOf(month) + periods.RawPayload + LateDeliveryGrace <= now;
            if (contiguousDone && closed) newWatermark = TableRetentionMarks.NextMonth(month);
            else contiguousDone = false;
            if (budget == 0) break;
        }
        if (newWatermark != watermark) await marks.SaveWatermarkAsync(TableRetentionMarks.RawPayloads, newWatermark, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 9501, Level = LogLevel.Information, Message = "Retention run: {Purged} record(s) purged, {Months} month(s) scanned, unfinished: {Unfinished}")]
    private static partial void LogRun(ILogger logger, int purged, int months, bool unfinished);
}

/// <summary>What one retention run did, by class.</summary>
internal sealed class RetentionRunCounts
{
    private readonly SortedDictionary<RetentionClass, int> _byClass = [];

    public IReadOnlyDictionary<RetentionClass, int> ByClass => _byClass;
    public int Total => _byClass.Values.Sum();
    public int MonthsScanned { get; set; }
    /// <summary>The run stopped at <see cref="RetentionOptions.MaxPerRun"/> with more due: the next run goes on.</summary>
    public bool Unfinished { get; set; }

    public void Add(RetentionClass retentionClass) => _byClass[retentionClass] = _byClass.GetValueOrDefault(retentionClass) + 1;

    /// <summary>The proof log's detail: every class with its count (<c>spam=3 raw_payload=12 routed=0 …</c>).</summary>
    public string Detail() =>
        string.Join(' ', Enum.GetValues<RetentionClass>().Select(c => $"{WireNames.Of(c)}={_byClass.GetValueOrDefault(c)}"))
        + (Unfinished ? " unfinished=true" : "");
}
