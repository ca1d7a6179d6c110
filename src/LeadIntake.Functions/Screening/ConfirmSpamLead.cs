using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// <c>POST /api/leads/{id}/confirm-spam</c> (admin): a lead held for review is spam. It moves to <c>spam</c> with who
/// and when, leaves the review queue, and becomes a <c>spam</c> feedback example. Only from <c>review</c> (409
/// otherwise); asking again for a lead confirmed already answers 200 and changes nothing.
/// </summary>
internal sealed class ConfirmSpamLead(ILeadStore store, ScreeningCorrections corrections)
{
    [Function("ConfirmSpamLead")]
    public Task<Results<Ok<ConfirmSpamLead.SpamConfirmed>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "leads/{id}/confirm-spam")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, store, corrections, cancellationToken);

    private static async Task<Results<Ok<SpamConfirmed>, ProblemHttpResult>> HandleAsync(string id, ILeadStore store, ScreeningCorrections corrections, CancellationToken cancellationToken)
    {
        if (!LeadId.TryParse(id, out var leadId)) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid lead id.", "id", "A lead id is 26 characters of Crockford base32.");
        if (await store.FindAsync(leadId, cancellationToken) is not { } stored) return Problems.NotFound("id", $"No lead {leadId}.");
        return await corrections.ConfirmSpamAsync(stored, ReleaseLead.Actor, cancellationToken) switch
        {
            LeadChange.Rejected rejected => Problems.Conflict(rejected.Reason),
            LeadChange.Unchanged => TypedResults.Ok(new SpamConfirmed(leadId.Value, WireNames.Of(LeadStatus.Spam), false)),
            _ => TypedResults.Ok(new SpamConfirmed(leadId.Value, WireNames.Of(LeadStatus.Spam), true)),
        };
    }

    /// <summary><c>{id, status, confirmed}</c>: confirmed is false when the lead was confirmed before.</summary>
    internal sealed record SpamConfirmed(string Id, string Status, bool Confirmed);
}
