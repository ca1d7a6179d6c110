using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/teams</c> (admin): creates or replaces a team (seed-format object, keyed by <c>id</c>); members must be reps.</summary>
internal sealed class UpsertSalesTeam(SalesDirectoryAdmin admin)
{
    [Function("UpsertSalesTeam")]
    public Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "sales/teams")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.UpsertTeamAsync(request, cancellationToken);
}
