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
    public Task<Results<Ok<ReleaseLead.LeadReleased>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "leads/{id}/release")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, request, store, corrections, cancellationToken);

    private static async Task<Results<Ok<LeadReleased>, ProblemHttpResult>> HandleAsync(string id, HttpRequest request, ILeadStore store, ScreeningCorrections corrections, CancellationToken cancellationToken)
    {
        if (!LeadId.TryParse(id, out var leadId)) return LeadIdProblems.Unusable(id);
        if (!(await ReadReasonAsync(request, cancellationToken)).TryValue(out var reason, out var problem)) return problem;
        if (await store.FindAsync(leadId, cancellationToken) is not { } stored) return Problems.NotFound("id", $"No lead {leadId}.");
        return await corrections.ReleaseAsync(stored, Actor, reason, cancellationToken) switch
        {
            LeadChange.Rejected rejected => Problems.Conflict(rejected.Reason),
            _ => TypedResults.Ok(new LeadReleased(leadId.Value, WireNames.Of(LeadStatus.Captured), true)),
        };
    }

    /// <summary>The optional <c>reason</c> of the body; its value is null when there is none.</summary>
    internal static async Task<ReadOutcome<string?>> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())) return NoReason;
        if (!(await RequestBody.ReadUtf8Async(request, MaxBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        if (body.Length == 0) return NoReason;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Problems.Malformed("body", "The body must be a JSON object such as {\"reason\": \"…\"}.");
            if (!document.RootElement.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null) return NoReason;
            if (reason.ValueKind != JsonValueKind.String) return Problems.Malformed("reason", "'reason' must be a string.");
            return reason.GetString();
        }
        catch (JsonException)
        {
            return Problems.Malformed("body", "The body is not valid JSON.");
        }
    }

    private static readonly ReadOutcome<string?> NoReason = new ReadOutcome<string?>.Read(null);

    /// <summary><c>{id, status, released}</c>.</summary>
    internal sealed record LeadReleased(string Id, string Status, bool Released);
}
