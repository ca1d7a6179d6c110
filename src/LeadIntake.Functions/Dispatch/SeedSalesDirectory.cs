using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/directory/seed</c> (admin): replaces reps, teams and rules with a seed document; every error at once, by JSON path.</summary>
public sealed class SeedSalesDirectory : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("SeedSalesDirectory", new HttpTrigger("sales/directory/seed", ["post"], AuthLevel.Admin));

    public static Delegate Handler => (HttpRequest request, SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.SeedAsync(request, cancellationToken);
}
