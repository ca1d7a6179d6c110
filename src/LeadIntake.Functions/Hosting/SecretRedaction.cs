using System.Text.RegularExpressions;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The credentials that travel in URLs and headers, and how they are masked in logs: a rep link's token (<c>t</c>),
/// a function or admin key (<c>code</c> in the query, <c>x-functions-key</c> as a header), Meta's verify token and
/// any <c>access_token</c>. Only the value goes; the name stays, so a log still shows which link was used.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>The text with every credential value replaced by <see cref="Mask"/>; the same instance when there is none.</summary>
    public static string Redact(string text)
    {
        // Cheap test first: almost no log line has a query string or a key header.
        if (text.IndexOf('=') < 0 && text.IndexOf("functions-key", StringComparison.OrdinalIgnoreCase) < 0) return text;
        var redacted = QueryValue().Replace(text, "$1" + Mask);
        return HeaderValue().Replace(redacted, "$1" + Mask);
    }

    // name=value after '?', '&' or ';' (query strings, also when percent-decoded), up to the next separator.
    [GeneratedRegex(@"((?:^|[?&;\s])(?:t|code|sig|token|access_token|hub\.verify_token|x-functions-key)=)[^&;#\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryValue();

    // "x-functions-key: value" or "x-functions-key":"value" (header dumps, JSON-ish renderings of headers).
    [GeneratedRegex(@"(x-functions-key[""']?\s*[:=]\s*[""']?\[?[""']?)[^""'\],;\s]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderValue();
}
