using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/teams</c> (admin): creates or replaces a team (seed-format object, keyed by <c>id</c>); members must be reps.</summary>
public sealed class UpsertSalesTeam : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("UpsertSalesTeam", new HttpTrigger("sales/teams", ["post"], AuthLevel.Admin));

    public static Delegate Handler => (HttpRequest request, SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.UpsertTeamAsync(request, cancellationToken);
}
