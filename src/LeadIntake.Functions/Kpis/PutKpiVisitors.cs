using System.Text.Json;
using LeadIntake.Core.Kpis;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Kpis;

/// <summary><c>PUT /api/kpis/visitors/{month}</c> (admin), body <c>{"visitors": 12345}</c>: the month's website visitors (the conversion rate's denominator).</summary>
internal sealed class PutKpiVisitors(TableKpiStore store)
{
    [Function("PutKpiVisitors")]
    public Task<Results<Ok<PutKpiVisitors.Stored>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "kpis/visitors/{month}")] HttpRequest request, string month, CancellationToken cancellationToken) =>
        HandleAsync(month, request, store, cancellationToken);

    private static async Task<Results<Ok<Stored>, ProblemHttpResult>> HandleAsync(string month, HttpRequest request, TableKpiStore store, CancellationToken cancellationToken)
    {
        if (!KpiMonth.TryParse(month, out var m))
            return Problems.Field(StatusCodes.Status400BadRequest, "The month is not valid.", "month", "month must be YYYY-MM, e.g. 2026-11.");
        if (!(await RequestBody.ReadUtf8Async(request, 4096, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        long visitors;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("visitors", out var v) ||
                v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out visitors) || visitors < 0 || visitors > 1_000_000_000_000)
            {
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The visitors are not valid.", "visitors", "visitors must be a whole number between 0 and 1,000,000,000,000.");
            }
        }
        catch (JsonException)
        {
            return Problems.Malformed("body", "The body must be JSON such as {\"visitors\": 12345}.");
        }
        await store.SetVisitorsAsync(m, visitors, cancellationToken);
        return TypedResults.Ok(new Stored(m.ToString(), visitors));
    }

    /// <summary><c>{month, visitors}</c>.</summary>
    internal sealed record Stored(string Month, long Visitors);
}
