using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// <c>POST /api/privacy/retention/dry-run[?at=…]</c> (admin): what the retention run would purge now, or at the
/// instant <c>at</c>, by class: counts, the earliest and latest due instants, a sample of lead ids. Changes nothing
/// (docs/privacy.md, "Dry run").
/// </summary>
internal sealed class RetentionDryRun(RetentionScan scan, TableRetentionMarks marks, IOptionsMonitor<RetentionOptions> options, TimeProvider time)
{
    public const int SampleSize = 20;

    /// <summary>How far ahead <c>at</c> may look: the longest period a setting allows.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(3650);

    [Function(nameof(RetentionDryRun))]
    public async Task<Results<Ok<RetentionDryRunReport>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "privacy/retention/dry-run")] HttpRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = now;
        if (request.Query.TryGetValue("at", out var values))
        {
            if (!TryParseAt(values.ToString(), out at) || at < now || at > now + MaxAhead)
            {
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The instant is not valid.", "at",
                    "at must be an ISO 8601 instant with its offset (2027-01-31T00:00:00Z), not in the past and at most 3650 days ahead.");
            }
        }
        return TypedResults.Ok(await ReportAsync(at, cancellationToken));
    }

    private static bool TryParseAt(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    private async Task<RetentionDryRunReport> ReportAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var periods = options.CurrentValue.Periods;
        var classes = Enum.GetValues<RetentionClass>().ToDictionary(c => c, _ => new ClassTally());
        int months = 0;
        var oldest = await scan.OldestLeadMonthAsync(cancellationToken);
        if (oldest is not null)
        {
            var (watermark, monthMarks) = await marks.ReadAsync(TableRetentionMarks.Leads, cancellationToken);
            var first = watermark is not null && string.CompareOrdinal(watermark, oldest) > 0 ? watermark : oldest;
            // Unlike the run, every month not done is read: a month's mark may be up to RescanEvery old.
            foreach (var month in RetentionScan.Months(first, RetentionScan.MonthOf(at - periods.ShortestLeadPeriod)))
            {
                if (monthMarks.TryGetValue(month, out var mark) && mark.Done) continue;
                months++;
                await foreach (var lead in scan.LeadsInMonthAsync(month, cancellationToken))
                {
                    if (await scan.EvaluateAsync(lead, at, periods, cancellationToken) is { } verdict && verdict.IsDue(at))
                        classes[verdict.Class].Add(lead.Id, verdict.DueAt);
                }
            }

            var (rawWatermark, _) = await marks.ReadAsync(TableRetentionMarks.RawPayloads, cancellationToken);
            var rawFirst = rawWatermark is not null && string.CompareOrdinal(rawWatermark, oldest) > 0 ? rawWatermark : oldest;
            foreach (var month in RetentionScan.Months(rawFirst, RetentionScan.MonthOf(at - periods.RawPayload)))
            {
                months++;
                await foreach (var (_, _, leadId) in scan.RawRowsInMonthAsync(month, cancellationToken))
                {
                    var due = RetentionPolicy.RawPayloadDueAt(leadId.Timestamp, periods);
                    if (due <= at) classes[RetentionClass.RawPayload].Add(leadId, due);
                }
            }
        }
        return new RetentionDryRunReport(
            at,
            classes.Values.Sum(t => t.Count),
            months,
            classes.ToDictionary(c => WireNames.Of(c.Key), c => c.Value.ToSummary()));
    }

    private sealed class ClassTally
    {
        private readonly List<string> _sample = [];
        public int Count { get; private set; }
        private DateTimeOffset? _earliest;
        private DateTimeOffset? _latest;

        public void Add(LeadId id, DateTimeOffset dueAt)
        {
            Count++;
            if (_earliest is null || dueAt < _earliest) _earliest = dueAt;
            if (_latest is null || dueAt > _latest) _latest = dueAt;
            if (_sample.Count < SampleSize && !_sample.Contains(id.Value, StringComparer.Ordinal)) _sample.Add(id.Value);
        }

        public RetentionDryRunClass ToSummary() => new(Count, _earliest, _latest, _sample);
    }
}

/// <summary>The dry run's answer.</summary>
/// <param name="At">The instant the report is for.</param>
/// <param name="Total">Leads that would be purged plus raw payload rows that would be deleted.</param>
/// <param name="MonthsScanned">Capture months read to answer.</param>
/// <param name="Classes">Per class (<c>spam</c>, <c>raw_payload</c>, <c>routed</c>, <c>prospect</c>, <c>won</c>).</param>
internal sealed record RetentionDryRunReport(DateTimeOffset At, int Total, int MonthsScanned, IReadOnlyDictionary<string, RetentionDryRunClass> Classes);

/// <summary>One class of the dry run: how many, the earliest and latest due instants, up to 20 lead ids (ids are no personal data).</summary>
internal sealed record RetentionDryRunClass(int Count, DateTimeOffset? EarliestDueAt, DateTimeOffset? LatestDueAt, IReadOnlyList<string> SampleLeadIds);
