using LeadIntake.Core.Kpis;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>POST /api/kpis/export/parquet?month=YYYY-MM</c> (admin): writes the month's pseudonymised lead events to Blob
/// storage as Parquet (docs/kpis.md, "Parquet export"), for Power BI, Fabric, Data Explorer, Spark or DuckDB.
/// 409 when <c>Kpis:ExportKey</c> is not set: without a key there is no pseudonymisation, so no export.
/// </summary>
internal sealed class ExportKpiParquet(KpiParquetExport export)
{
    [Function("ExportKpiParquet")]
    public Task<Results<Ok<ExportKpiParquet.Written>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "kpis/export/parquet")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.Query["month"].FirstOrDefault(), export, cancellationToken);

    private static async Task<Results<Ok<Written>, ProblemHttpResult>> HandleAsync(string? month, KpiParquetExport export, CancellationToken cancellationToken)
    {
        if (!KpiMonth.TryParse(month, out var m))
            return Problems.Field(StatusCodes.Status400BadRequest, "The month is not valid.", "month", "month must be YYYY-MM, e.g. 2026-11.");
        if (!export.IsConfigured)
            return Problems.Field(StatusCodes.Status409Conflict, "The Parquet export is not configured.", "Kpis:ExportKey",
                "Set Kpis__ExportKey to base64 of at least 32 bytes (openssl rand -base64 32): lead ids are pseudonymised with it.");
        var (container, blob, rows) = await export.WriteAsync(m, cancellationToken);
        return TypedResults.Ok(new Written(m.ToString(), container, blob, rows));
    }

    /// <summary><c>{month, container, blob, rows}</c>: where the month's Parquet file was written.</summary>
    internal sealed record Written(string Month, string Container, string Blob, int Rows);
}
