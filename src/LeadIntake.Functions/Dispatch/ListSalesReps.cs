using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>GET /api/sales/reps</c> (admin): the reps as stored, in the seed format.</summary>
internal sealed class ListSalesReps(SalesDirectoryAdmin admin)
{
    [Function("ListSalesReps")]
    public Task<ContentHttpResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "sales/reps")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.ListAsync("reps", cancellationToken);
}
