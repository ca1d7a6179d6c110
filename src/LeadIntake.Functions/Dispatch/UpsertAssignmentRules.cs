using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary><c>PUT /api/sales/rules</c> (admin): replaces the ordered rules (and the default team): <c>{"defaultTeam": …, "rules": [...]}</c>.</summary>
internal sealed class UpsertAssignmentRules(SalesDirectoryAdmin admin)
{
    [Function("UpsertAssignmentRules")]
    public Task<Results<ContentHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "sales/rules")] HttpRequest request, CancellationToken cancellationToken) =>
        admin.UpsertRulesAsync(request, cancellationToken);
}
