namespace LeadIntake.Functions.Qualification;

/// <summary>A rendered rep page and its HTTP status.</summary>
internal sealed record RepPage(int Status, string Html)
{
    /// <summary>
    /// The page as an HTTP answer, with the headers every page reached by a signed link needs: the token is in the URL,
    /// so it is never cached nor sent on as a referrer; no script, no framing.
    /// </summary>
    public IResult ToResult(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return Results.Content(Html, "text/html; charset=utf-8", statusCode: Status);
    }
}
