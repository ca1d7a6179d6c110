using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Reporting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// <c>POST /api/leads/{id}/release</c> (admin): takes a lead out of quarantine or out of review. Optional body
/// <c>{"reason": "…"}</c>. The lead goes back to <c>captured</c>, marked so screening skips the spam verdict and the
/// review band, with a correction event; then it is queued for screening again (if that enqueue fails, the sweeper
/// re-queues captured leads). When screened, its new intent is stored as a feedback example. 409 when neither spam nor review.
/// </summary>
internal sealed class ReleaseLead(ILeadStore store, ScreeningCorrections corrections)
{
    public const string Actor = "admin";
    private const int MaxBodyBytes = 16 * 1024;

    [Function("ReleaseLead")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "leads/{id}/release")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, request, store, corrections, cancellationToken);

    private static async Task<IResult> HandleAsync(string id, HttpRequest request, ILeadStore store, ScreeningCorrections corrections, CancellationToken cancellationToken)
    {
        if (!LeadId.TryParse(id, out var leadId)) return LeadIdProblems.Unusable(id);
        var (reason, problem) = await ReadReasonAsync(request, cancellationToken);
        if (problem is not null) return problem;
        if (await store.FindAsync(leadId, cancellationToken) is not { } stored) return Problems.NotFound("id", $"No lead {leadId}.");
        return await corrections.ReleaseAsync(stored, Actor, reason, cancellationToken) switch
        {
            LeadChange.Rejected rejected => Problems.Conflict(rejected.Reason),
            _ => TypedResults.Ok(new { id = leadId.Value, status = WireNames.Of(LeadStatus.Captured), released = true }),
        };
    }

    internal static async Task<(string? Reason, IResult? Problem)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())) return (null, null);
        var (body, unreadable) = await RequestBody.ReadUtf8Async(request, MaxBodyBytes, cancellationToken);
        if (unreadable is not null) return (null, unreadable);
        if (body!.Length == 0) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, Problems.Malformed("body", "The body must be a JSON object such as {\"reason\": \"…\"}."));
            if (!document.RootElement.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null) return (null, null);
            if (reason.ValueKind != JsonValueKind.String) return (null, Problems.Malformed("reason", "'reason' must be a string."));
            return (reason.GetString(), null);
        }
        catch (JsonException)
        {
            return (null, Problems.Malformed("body", "The body is not valid JSON."));
        }
    }
}
