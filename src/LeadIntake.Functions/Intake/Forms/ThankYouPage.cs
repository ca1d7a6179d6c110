using System.Net;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// The page a browser sees after a plain HTML form post when no thank-you address is configured: one sentence in the
/// form's language, phone-sized, no script. The language is the form's own <c>lang</c> field, else the page the form
/// was on (<c>/fr/…</c> in the Referer), else the browser's Accept-Language; English otherwise.
/// </summary>
internal static class ThankYouPage
{
    private const string Css =
        "body{font-family:-apple-system,Segoe UI,Roboto,sans-serif;margin:0;padding:16px;color:#222;background:#f6f7f9}" +
        "main{max-width:560px;margin:40px auto;background:#fff;border-radius:10px;padding:20px;box-shadow:0 1px 3px #0002}" +
        "h1{font-size:1.3em;margin:0 0 8px}";

    public static ContentHttpResult Render(IReadOnlyList<KeyValuePair<string, string?>> fields, HttpRequest request)
    {
        var t = RepTexts.For(LanguageOf(fields, request));
        var html = $"<!doctype html><html lang=\"{t.Code}\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{E(t["ThankYou_Title"])}</title><style>{Css}</style></head>" +
            $"<body><main><h1>{E(t["ThankYou_Title"])}</h1><p>{E(t["ThankYou_Text"])}</p></main></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static string? LanguageOf(IReadOnlyList<KeyValuePair<string, string?>> fields, HttpRequest request)
    {
        var field = fields.FirstOrDefault(f => string.Equals(f.Key, "lang", StringComparison.OrdinalIgnoreCase)).Value;
        if (!string.IsNullOrWhiteSpace(field)) return field.Trim();
        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            var first = referer.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is { Length: 2 } || first is { Length: 5 } && first[2] == '-') return first;
        }
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        return accepted.OrderByDescending(a => a.Quality ?? 1.0).Select(a => a.Value.Value).FirstOrDefault(v => v is not null && v != "*");
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
