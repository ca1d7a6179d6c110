namespace LeadIntake.Functions.Console;

/// <summary>A rendered cockpit page: HTML with its status code, never cached, never framed.</summary>
internal sealed record ConsolePage(int StatusCode, string Html) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => HtmlContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = HtmlContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return response.WriteAsync(Html);
    }
}
