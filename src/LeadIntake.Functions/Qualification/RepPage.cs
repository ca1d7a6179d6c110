namespace LeadIntake.Functions.Qualification;

/// <summary>
/// A rendered rep page and its HTTP status, answered as HTML with the headers every page reached by a signed link
/// needs: the token is in the URL, so it is never cached nor sent on as a referrer; no script, no framing.
/// </summary>
internal sealed record RepPage(int Status, string Html) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    int? IStatusCodeHttpResult.StatusCode => Status;

    public string ContentType => HtmlContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return TypedResults.Content(Html, HtmlContentType, statusCode: Status).ExecuteAsync(httpContext);
    }
}
