using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>PUT /api/sales/rules</c> (admin): replaces the ordered rules (and the default team): <c>{"defaultTeam": …, "rules": [...]}</c>.</summary>
public sealed class UpsertAssignmentRules : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } = new("UpsertAssignmentRules", new HttpTrigger("sales/rules", ["put"], AuthLevel.Admin));

    public static Delegate Handler => (HttpRequest request, SalesDirectoryAdmin admin, CancellationToken cancellationToken) => admin.UpsertRulesAsync(request, cancellationToken);
}
