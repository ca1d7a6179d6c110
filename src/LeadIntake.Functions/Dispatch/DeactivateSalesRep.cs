using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/reps/{email}/deactivate</c> (admin): the rep gets no new leads; history and rotation state stay.</summary>
internal sealed class DeactivateSalesRep(SalesDirectoryAdmin admin)
{
    [Function("DeactivateSalesRep")]
    public Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "sales/reps/{email}/deactivate")] HttpRequest request, string email, CancellationToken cancellationToken) =>
        admin.DeactivateRepAsync(email, cancellationToken);
}
