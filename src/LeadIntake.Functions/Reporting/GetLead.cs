using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Reporting;

/// <summary><c>GET /api/leads/{id}</c> (admin): the lead, its status, decisions with reasons, assignment, stage times and events.</summary>
internal sealed class GetLead(ILeadStore store)
{
    [Function("GetLead")]
    public Task<Results<JsonHttpResult<LeadView>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "leads/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, store, cancellationToken);

    private static async Task<Results<JsonHttpResult<LeadView>, ProblemHttpResult>> HandleAsync(string id, ILeadStore store, CancellationToken cancellationToken)
    {
        if (!LeadId.TryParse(id, out var leadId)) return LeadIdProblems.Unusable(id);
        var stored = await store.FindAsync(leadId, cancellationToken);
        if (stored is null) return Problems.NotFound("id", $"No lead {leadId}.");
        var events = await store.GetEventsAsync(leadId, cancellationToken);
        return TypedResults.Json(LeadView.From(stored.Lead, events), Storage.LeadJson.Options);
    }
}
