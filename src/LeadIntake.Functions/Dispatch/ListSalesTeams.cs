using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>GET /api/sales/teams</c> (admin): the teams as stored and the default team.</summary>
public sealed class ListSalesTeams : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("ListSalesTeams", new HttpTrigger("sales/teams", ["get"], AuthLevel.Admin));

    public static Delegate Handler => (SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.ListAsync("teams", cancellationToken);
}
