using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// <c>GET/POST /api/rep/leads/{id}/{action}?t={token}</c>, anonymous: the signed token is the capability (and the
/// POST's anti-forgery proof: a forger has no token). GET shows the page, POST acts. HTML, never problem+json.
/// </summary>
public sealed class RepLeadAction : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("RepLeadAction", new HttpTrigger("rep/leads/{id}/{action}", ["get", "post"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static async Task<IResult> HandleAsync(string id, string action, HttpContext context, RepActionHandler handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        Dictionary<string, string>? form = null;
        if (HttpMethods.IsPost(request.Method))
        {
            form = request.HasFormContentType
                ? (await request.ReadFormAsync(cancellationToken)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
                : [];
        }
        var token = request.Query["t"].ToString() is { Length: > 0 } t ? t : form?.GetValueOrDefault("t");
        var page = await handler.HandleAsync(id, action, token, $"{request.PathBase}{request.Path}{request.QueryString}", form, cancellationToken);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer"; // the token is in the URL: never send it elsewhere
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return Results.Content(page.Html, "text/html; charset=utf-8", statusCode: page.Status);
    }
}
