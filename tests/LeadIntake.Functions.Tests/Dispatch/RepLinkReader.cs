using System.Net;
using System.Text.RegularExpressions;

namespace LeadIntake.Functions.Tests.Dispatch;

/// <summary>Reads the rep action links out of a mail's HTML (as a rep's mail client would follow them) and page HTML.</summary>
public static partial class RepLinkReader
{
    /// <summary>Action → path and query (the mail's host is the configured public URL; tests call the app's own address).</summary>
    public static Dictionary<string, string> Links(string html)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Href().Matches(html))
        {
            var url = new Uri(WebUtility.HtmlDecode(m.Groups[1].Value));
            links.TryAdd(m.Groups[2].Value, url.PathAndQuery);
        }
        return links;
    }

    /// <summary>The signed lead page link (<c>/api/rep/leads/{id}?t=</c>), path and query; null when the HTML has none.</summary>
    public static string? LeadPage(string html) =>
        PageHref().Match(html) is { Success: true } m ? new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)).PathAndQuery : null;

    [GeneratedRegex("href=\"([^\"]*/api/rep/leads/[0-9A-Z]{26}\\?t=[^\"]+)\"")]
    private static partial Regex PageHref();

    [GeneratedRegex("href=\"([^\"]*/api/rep/leads/[0-9A-Z]{26}/([a-z_]+)\\?t=[^\"]+)\"")]
    private static partial Regex Href();
}
