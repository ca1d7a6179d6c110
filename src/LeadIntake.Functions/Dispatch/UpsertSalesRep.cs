using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/reps</c> (admin): creates or replaces a rep (seed-format object, keyed by <c>email</c>); 422 names the field.</summary>
internal sealed class UpsertSalesRep(SalesDirectoryAdmin admin)
{
    [Function("UpsertSalesRep")]
    public Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "sales/reps")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.UpsertRepAsync(request, cancellationToken);
}
