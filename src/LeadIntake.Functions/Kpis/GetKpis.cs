using System.Text.Json;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis?month=YYYY-MM&amp;mode=period|cohort&amp;window=30|90|180</c> (admin key or signed-in console user; anonymous at the Functions host, the handler checks): the month's KPIs per channel
/// and in total, with velocity, speed to lead, reps, screening quality and unmatched spend (docs/kpis.md).
/// </summary>
internal sealed class GetKpis(KpiReports reports)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Function("GetKpis")]
    public Task<Results<JsonHttpResult<Core.Kpis.KpiReport>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpis")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, request.Query["month"].FirstOrDefault(), request.Query["mode"].FirstOrDefault(), request.Query["window"].FirstOrDefault(), reports, cancellationToken);

        private static async Task<Results<JsonHttpResult<Core.Kpis.KpiReport>, ProblemHttpResult>> HandleAsync(HttpContext http, string? month, string? mode, string? window, KpiReports reports, CancellationToken cancellationToken)
    {
        if (Console.ConsoleAccess.RefuseJson(http) is { } denied) return denied;
        if (!KpiQuery.Parse(month, mode, window, reports.CurrentMonth).TryValue(out var query, out var problem)) return problem;
        return TypedResults.Json(await reports.LoadAsync(query, cancellationToken), Json);
    }
}
