namespace LeadIntake.Core.Intake;

/// <summary>
/// Where a browser goes after a plain HTML form post. The form may ask for a page (<c>redirect</c> field), but only an
/// absolute http(s) URL whose origin is on the allow-list is honoured: anything else would make the endpoint an open
/// redirect (a phishing link that starts with our domain). Otherwise the configured thank-you page, or none.
/// </summary>
public static class FormRedirect
{
    public static string? Decide(string? requested, string? thankYouUrl, IReadOnlyList<string> allowedOrigins)
    {
        if (requested is not null
            && Uri.TryCreate(requested, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo)
            && allowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)))
        {
            return uri.AbsoluteUri;
        }
        return string.IsNullOrWhiteSpace(thankYouUrl) ? null : thankYouUrl;
    }
}
