using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// <c>GET /api/rep/leads/{id}?t={token}</c>, anonymous: the rep's read-only lead page. The signed view link is the
/// capability; it works many times until it expires or the lead is reassigned. HTML, never problem+json.
/// </summary>
public sealed class RepLeadPage : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("RepLeadPage", new HttpTrigger("rep/leads/{id}", ["get"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static async Task<IResult> HandleAsync(string id, HttpContext context, RepLeadPageHandler handler, CancellationToken cancellationToken)
    {
        var page = await handler.HandleAsync(id, context.Request.Query["t"].ToString(), cancellationToken);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer"; // the token is in the URL: never send it elsewhere
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return Results.Content(page.Html, "text/html; charset=utf-8", statusCode: page.Status);
    }
}
