using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Console;

/// <summary>
/// The cockpit's language: <c>?lang=fr|en</c> (the switch in the header, remembered in a cookie), else the cookie,
/// else the browser's <c>Accept-Language</c> (the first of French or English by quality), else English.
/// </summary>
internal static class ConsoleLanguage
{
    public const string CookieName = "leadintake.lang";

    public static ConsoleTexts Resolve(HttpContext http)
    {
        var asked = http.Request.Query["lang"].FirstOrDefault();
        if (asked is "fr" or "en")
        {
            http.Response.Cookies.Append(CookieName, asked, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/api", MaxAge = TimeSpan.FromDays(365),
            });
            return ConsoleTexts.For(asked);
        }
        if (http.Request.Cookies[CookieName] is "fr" or "en") return ConsoleTexts.For(http.Request.Cookies[CookieName]);
        var accepted = http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "fr" or "en");
        return ConsoleTexts.For(accepted);
    }

    /// <summary>The current URL with <c>lang</c> set to the other language.</summary>
    public static string SwitchUrl(HttpContext http, ConsoleTexts t)
    {
        var query = http.Request.Query.Where(p => p.Key != "lang").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        query.Add($"lang={t.Other.Code}");
        return $"{http.Request.PathBase}{http.Request.Path}?{string.Join("&", query)}";
    }
}
