using LeadIntake.Core.Kpis;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>POST /api/kpis/recompute?month=YYYY-MM</c> (admin): the daily recomputation, now, for one month (after an
/// import of old leads or a fixed projection bug). Answers whether the counters changed.
/// </summary>
internal sealed class RecomputeKpiMonth(KpiRecomputation recomputation)
{
    [Function("RecomputeKpiMonth")]
    public Task<Results<Ok<RecomputeKpiMonth.Recomputed>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "kpis/recompute")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.Query["month"].FirstOrDefault(), recomputation, cancellationToken);

    private static async Task<Results<Ok<Recomputed>, ProblemHttpResult>> HandleAsync(string? month, KpiRecomputation recomputation, CancellationToken cancellationToken)
    {
        if (!KpiMonth.TryParse(month, out var m))
            return Problems.Field(StatusCodes.Status400BadRequest, "The month is not valid.", "month", "month must be YYYY-MM, e.g. 2026-11.");
        var changed = await recomputation.RunAsync([m], cancellationToken);
        return TypedResults.Ok(new Recomputed(m.ToString(), changed.Count > 0));
    }

    /// <summary><c>{month, changed}</c>.</summary>
    internal sealed record Recomputed(string Month, bool Changed);
}
