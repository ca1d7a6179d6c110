using System.Text.Json;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Reporting;

/// <summary>
/// <c>GET /api/leads?status=&amp;intent=&amp;channel=&amp;provider=&amp;rep=&amp;utmSource=&amp;utmCampaign=&amp;from=&amp;to=&amp;q=&amp;continuationToken=</c>
/// (admin key or signed-in console user): <c>200 {"items":[…],"continuationToken":null|"…"}</c>, newest first.
/// Anonymous at the Functions host: the handler checks the admin key or the console sign-in itself.
/// </summary>
internal sealed class ListLeads(TableLeadQueries leads)
{
    [Function("ListLeads")]
    public Task<Results<JsonHttpResult<ListLeads.LeadPage>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "leads")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, leads, cancellationToken);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<Results<JsonHttpResult<ListLeads.LeadPage>, ProblemHttpResult>> HandleAsync(HttpContext http, TableLeadQueries leads, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.RefuseJson(http) is { } denied) return denied;
        var request = LeadListRequest.Read(http);
        if (request.Filter is not { } filter) return Problems.Fields(StatusCodes.Status400BadRequest, "Invalid lead list parameters.", request.Errors);
        var page = await leads.ListAsync(filter, request.PageSize, request.ContactKey, cancellationToken);
        return TypedResults.Json(new LeadPage([.. page.Items.Select(LeadListItem.From)], page.Next?.Value), Json);
    }

    /// <summary><c>{items, continuationToken}</c>: continuationToken is null on the last page.</summary>
    internal sealed record LeadPage(IReadOnlyList<LeadListItem> Items, string? ContinuationToken);
}
