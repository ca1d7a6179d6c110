using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// <c>GET /api/rep/leads/{id}?t={token}</c>, anonymous: the rep's read-only lead page. The signed view link is the
/// capability; it works many times until it expires or the lead is reassigned. HTML, never problem+json.
/// </summary>
internal sealed class RepLeadPage(RepLeadPageHandler handler)
{
    [Function("RepLeadPage")]
    public Task<RepPage> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rep/leads/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, request.HttpContext, handler, cancellationToken);

    private static async Task<RepPage> HandleAsync(string id, HttpContext context, RepLeadPageHandler handler, CancellationToken cancellationToken)
    {
        var page = await handler.HandleAsync(id, context.Request.Query["t"].ToString(),
            context.Request.Headers.AcceptLanguage.ToString() is { Length: > 0 } language ? language : null, cancellationToken);
        return page;
    }
}
