using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>POST /api/sales/reps/{email}/deactivate</c> (admin): the rep gets no new leads; history and rotation state stay.</summary>
public sealed class DeactivateSalesRep : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("DeactivateSalesRep", new HttpTrigger("sales/reps/{email}/deactivate", ["post"], AuthLevel.Admin));

    public static Delegate Handler => (string email, SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.DeactivateRepAsync(email, cancellationToken);
}
