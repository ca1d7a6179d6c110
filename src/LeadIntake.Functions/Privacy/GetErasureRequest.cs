using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadIntake.Functions.Privacy;

/// <summary><c>GET /api/privacy/erasure/{requestId}</c> (admin): <c>200 {"status":"pending"|"done","leadsErased":n}</c>; 404 names <c>requestId</c>.</summary>
internal sealed class GetErasureRequest(ErasureRequests erasures)
{
    [Function(nameof(GetErasureRequest))]
    public Task<Results<Ok<ErasureProgress>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "privacy/erasure/{requestId}")] HttpRequest request, string requestId, CancellationToken cancellationToken) =>
        HandleAsync(requestId, cancellationToken);

    internal sealed record ErasureProgress(string RequestId, string Status, int LeadsErased);

    private async Task<Results<Ok<ErasureProgress>, ProblemHttpResult>> HandleAsync(string requestId, CancellationToken cancellationToken)
    {
        if (await erasures.FindAsync(requestId, cancellationToken) is not { } found)
        {
            return Problems.NotFound("requestId", "No erasure request has this id.");
        }
        var r = found.Request;
        return TypedResults.Ok(new ErasureProgress(r.Id, WireNames.Of(r.Status), r.LeadsErased));
    }
}
