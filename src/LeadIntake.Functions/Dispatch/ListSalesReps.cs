using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>GET /api/sales/reps</c> (admin): the reps as stored, in the seed format.</summary>
public sealed class ListSalesReps : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("ListSalesReps", new HttpTrigger("sales/reps", ["get"], AuthLevel.Admin));

    public static Delegate Handler => (SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.ListAsync("reps", cancellationToken);
}
