using System.Globalization;
using System.Net;
using System.Text;

namespace LeadIntake.Functions.Privacy;

/// <summary>The markup the privacy pages share: one encoder for every value, a plain stylesheet, tables of label/value rows.</summary>
internal static class PrivacyHtml
{
    public static string Enc(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static StringBuilder Start(string title)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{Enc(title)}</title>");
        html.Append("<style>body{font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:960px;margin:24px auto;padding:0 12px}")
            .Append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}")
            .Append("th{background:#f4f4f4}pre{white-space:pre-wrap;word-break:break-word;background:#f8f8f8;padding:8px}.muted{color:#777}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Enc(title)}</h1>");
        return html;
    }

    public static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    public static void Rows(StringBuilder html, IEnumerable<(string Label, string? Value)> rows)
    {
        html.Append("<table>");
        foreach (var (label, value) in rows.Where(r => !string.IsNullOrEmpty(r.Value)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Enc(label)}</th><td>{Enc(value)}</td></tr>");
        }
        html.Append("</table>");
    }

    public static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        html.Append("<table><tr>");
        foreach (var header in headers) html.Append(CultureInfo.InvariantCulture, $"<th>{Enc(header)}</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append(CultureInfo.InvariantCulture, $"<td>{Enc(cell)}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    public static void List(StringBuilder html, IEnumerable<string> items)
    {
        html.Append("<ul>");
        foreach (var item in items) html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(item)}</li>");
        html.Append("</ul>");
    }
}
