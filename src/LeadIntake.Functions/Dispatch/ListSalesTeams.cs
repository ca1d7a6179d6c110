using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>GET /api/sales/teams</c> (admin): the teams as stored and the default team.</summary>
internal sealed class ListSalesTeams(SalesDirectoryAdmin admin)
{
    [Function("ListSalesTeams")]
    public Task<ContentHttpResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "sales/teams")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.ListAsync("teams", cancellationToken);
}
