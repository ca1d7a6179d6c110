using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/directory/seed</c> (admin): replaces reps, teams and rules with a seed document; every error at once, by JSON path.</summary>
internal sealed class SeedSalesDirectory(SalesDirectoryAdmin admin)
{
    [Function("SeedSalesDirectory")]
    public Task<Results<Ok<SalesDirectoryAdmin.Seeded>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "sales/directory/seed")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.SeedAsync(request, cancellationToken);
}
