using LeadIntake.Functions.Exports;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis/export?month=&amp;mode=&amp;window=&amp;format=csv|xlsx&amp;table=</c> (admin key or signed-in console user; anonymous at the Functions host, the handler checks): the KPI tables of a month.
/// XLSX holds every table as a sheet (or only <c>table</c>); CSV holds one table (<c>table</c>, default <c>funnel</c>).
/// Cells are protected against formula injection.
/// </summary>
internal sealed class ExportKpis(KpiReports reports)
{
    [Function("ExportKpis")]
    public Task<Results<FileContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpis/export")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, request.Query["month"].FirstOrDefault(), request.Query["mode"].FirstOrDefault(), request.Query["window"].FirstOrDefault(), request.Query["format"].FirstOrDefault(), request.Query["table"].FirstOrDefault(), reports, cancellationToken);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, string? month, string? mode, string? window, string? format, string? table, KpiReports reports, CancellationToken cancellationToken)
    {
        if (Console.ConsoleAccess.RefuseJson(http) is { } denied) return denied;
        if (!KpiQuery.Parse(month, mode, window, reports.CurrentMonth).TryValue(out var query, out var problem)) return problem;
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx"))
            return Problems.Field(StatusCodes.Status400BadRequest, "The export query is not valid.", "format", "format must be csv or xlsx.");
        if (table is not null && !KpiTables.Names.Contains(table))
            return Problems.Field(StatusCodes.Status400BadRequest, "The export query is not valid.", "table", $"table must be one of {string.Join(", ", KpiTables.Names)}.");
        var sheets = KpiTables.From(await reports.LoadAsync(query, cancellationToken));
        var name = $"kpis-{query.Month}-{Core.Leads.WireNames.Of(query.Mode)}";
        if (format == "xlsx")
        {
            var chosen = table is null ? sheets : [.. sheets.Where(s => s.Name == table)];
            return TypedResults.File(TableExport.WriteXlsx(chosen), TableExport.XlsxMediaType, $"{name}.xlsx");
        }
        var sheet = sheets.First(s => s.Name == (table ?? "funnel"));
        return TypedResults.File(TableExport.WriteCsv(sheet.Headers, sheet.Rows), TableExport.CsvMediaType, $"{name}-{sheet.Name}.csv");
    }
}
