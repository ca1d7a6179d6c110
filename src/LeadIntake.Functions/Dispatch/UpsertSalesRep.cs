using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/reps</c> (admin): creates or replaces a rep (seed-format object, keyed by <c>email</c>); 422 names the field.</summary>
public sealed class UpsertSalesRep : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("UpsertSalesRep", new HttpTrigger("sales/reps", ["post"], AuthLevel.Admin));

    public static Delegate Handler => (HttpRequest request, SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.UpsertRepAsync(request, cancellationToken);
}
