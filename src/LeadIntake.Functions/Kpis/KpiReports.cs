using LeadIntake.Core.Kpis;

namespace LeadIntake.Functions.Kpis;

/// <summary>Loads one month's report: the aggregate rows of at most eight months (one query each), the month's inputs, after flushing this instance's projection buffer.</summary>
internal sealed class KpiReports(TableKpiStore store, KpiCalendarSource calendars, KpiProjectionBuffer buffer, IOptions<KpiOptions> options, TimeProvider time)
{
    public KpiMonth CurrentMonth => calendars.Calendar.MonthOf(time.GetUtcNow());

    public async Task<KpiReport> LoadAsync(KpiQuery query, CancellationToken cancellationToken)
    {
        var calendar = calendars.Calendar;
        // This instance's stage changes not yet written go out first: a page reads what was done before it.
        await buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var months = KpiReportBuilder.MonthsRead(query.Month, CurrentMonth);
        var reads = months.Select(async m => (Month: m, Cells: await store.ReadMonthAsync(m, cancellationToken).ConfigureAwait(false))).ToList();
        var spend = store.ReadSpendAsync(query.Month, cancellationToken);
        var visitors = store.VisitorsAsync(query.Month, cancellationToken);
        var restated = store.RestatedAtAsync(query.Month, cancellationToken);
        var rows = (await Task.WhenAll(reads).ConfigureAwait(false)).ToDictionary(r => r.Month, r => (IReadOnlyDictionary<string, long>)r.Cells);
        var inputs = new KpiInputs(await visitors.ConfigureAwait(false), await spend.ConfigureAwait(false));
        return KpiReportBuilder.Build(query.Month, query.Mode, query.Window, rows, inputs, time.GetUtcNow(), calendar, options.Value.Currency, await restated.ConfigureAwait(false));
    }
}
