using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// A readable privacy document (access export, record of processing): HTML with every value encoded, no script, and
/// the same Content-Security-Policy as the console's pages; never cached (it holds personal data), never framed.
/// </summary>
internal sealed record PrivacyHtmlPage(string Html) : IResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return response.WriteAsync(Html);
    }

    /// <summary>The client's first choice is HTML (<c>Accept: text/html</c>); JSON otherwise.</summary>
    public static bool Prefers(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepts) || accepts.Count == 0) return false;
        var preferred = accepts.OrderByDescending(a => a.Quality ?? 1.0).First();
        return preferred.MediaType.Value is { } type &&
               (type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
    }
}
