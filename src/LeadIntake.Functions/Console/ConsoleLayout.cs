using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Console;

/// <summary>
/// The cockpit's frame: server-rendered HTML, no JavaScript, one inline style sheet. A header with the navigation
/// (Today, Leads, Quarantine, KPIs, the language switch, sign-out as a form post), then the page. Phone first:
/// at 700 px and below, tables turn into stacked cards (each cell labelled), so nothing is wider than the screen.
/// Every value is HTML-encoded with <see cref="E"/>, once, where it is written.
/// </summary>
internal static class ConsoleLayout
{
    public const string KpisPath = "/api/console/kpis";

    private const string Css =
        "*{box-sizing:border-box}body{font-family:-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2430;background:#f4f6f9;font-size:16px;line-height:1.4}" +
        "header{background:#16325c;color:#fff;padding:8px 16px}header nav{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;max-width:1200px;margin:0 auto}" +
        "header a,header button{color:#fff;text-decoration:none;font-weight:600;padding:6px 2px;background:none;border:0;font-size:16px;cursor:pointer;font-family:inherit}" +
        "header a[aria-current]{border-bottom:3px solid #7fb2ff}header .brand{font-weight:800;margin-right:8px}header form{margin:0}header .who{font-size:.85em;opacity:.85;overflow-wrap:anywhere}" +
        "main{max-width:1200px;margin:0 auto;padding:16px}h1{font-size:1.4em;margin:4px 0 12px}h2{font-size:1.15em;margin:20px 0 8px}" +
        "section,.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 3px #0002;margin:0 0 14px}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7ee;vertical-align:top;overflow-wrap:anywhere}" +
        "th{font-size:.85em;color:#536074}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}" +
        "form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px 12px;align-items:end}" +
        "label{display:block;font-weight:600;font-size:.9em;margin:0 0 3px}input,select,textarea{width:100%;font-size:16px;padding:8px;border:1px solid #b8c0cc;border-radius:6px;background:#fff}" +
        "button.primary,a.button,button.secondary{display:inline-block;padding:10px 16px;font-size:16px;font-weight:700;border:0;border-radius:7px;background:#1f5fbf;color:#fff;text-decoration:none;cursor:pointer;text-align:center}" +
        "button.secondary,a.button.secondary{background:#e8edf5;color:#16325c}button.danger{background:#b3261e}" +
        ".actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}.muted{color:#5d6878;font-size:.9em}.err{color:#b3261e;font-weight:600}.ok{color:#1b6e2e;font-weight:600}" +
        ".status{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8eefc;font-weight:700;font-size:.9em}" +
        ".figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}.figure{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 3px #0002}" +
        ".figure b{display:block;font-size:1.6em}dl.facts{display:grid;grid-template-columns:minmax(90px,max-content) 1fr;gap:4px 12px;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}" +
        "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f6f9;padding:8px;border-radius:6px;font-size:.85em;max-height:480px;overflow-y:auto}" +
        "ol.timeline{padding-left:20px;margin:0}ol.timeline li{margin:4px 0;overflow-wrap:anywhere}" +
        "@media (max-width:700px){main{padding:10px}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}table.cards thead{display:none}" +
        "table.cards tr{border:1px solid #e3e7ee;border-radius:8px;margin:0 0 8px;padding:4px 0}table.cards td{border:0;padding:3px 10px;text-align:left}" +
        "table.cards td::before{content:attr(data-label);display:block;font-size:.8em;color:#536074;font-weight:600}td.n{text-align:left}" +
        "table.grid tr{display:grid;grid-template-columns:repeat(4,minmax(0,1fr))}table.grid td:first-child{grid-column:1/-1}}" +
        "input[type=checkbox]{width:22px;height:22px;margin:2px}" +
        ".kpis .scroll{overflow-x:auto}.kpis .notice{background:#fff4ce;padding:8px;border-radius:6px}.kpis .chart{margin:0;max-width:36rem}" +
        ".kpis figcaption,.kpis .fallback{font-size:.85em;color:#536074}.kpis td{text-align:right;font-variant-numeric:tabular-nums}" +
        "@media (max-width:700px){.kpis th,.kpis td{padding:4px 2px;font-size:.72em}}";

    /// <summary>A page with the header and navigation; <paramref name="user"/> null on the sign-in page (no navigation).</summary>
    public static ConsolePage Page(HttpContext http, ConsoleTexts t, ConsoleUser? user, ConsoleNav current, string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{t.Code}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)} · {E(t["App_Name"])}</title><style>{Css}</style></head><body><header><nav aria-label=\"{E(t["App_Name"])}\">")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"brand\">{E(t["App_Name"])}</span>");
        if (user is not null)
        {
            html.Append(Link("/api/console", t["Nav_Today"], current == ConsoleNav.Today, "nav-today"))
                .Append(Link("/api/console/leads", t["Nav_Leads"], current == ConsoleNav.Leads, "nav-leads"))
                .Append(Link("/api/console/quarantine", t["Nav_Quarantine"], current == ConsoleNav.Quarantine, "nav-quarantine"))
                .Append(Link(KpisPath, t["Nav_Kpis"], current == ConsoleNav.Kpis, "nav-kpis"));
        }
        html.Append(CultureInfo.InvariantCulture, $"<a id=\"nav-lang\" href=\"{E(ConsoleLanguage.SwitchUrl(http, t))}\" hreflang=\"{t.Other.Code}\" lang=\"{t.Other.Code}\">{E(t["Nav_Language"])}</a>");
        if (user is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"who\">{E(t.Format("Nav_Signed", user.Name))}</span>")
                .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/api/console/sign-out\">{ConsoleAccess.TokenInput(http)}<button id=\"sign-out\" type=\"submit\">{E(t["Nav_SignOut"])}</button></form>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</nav></header><main><h1>{E(title)}</h1>{body}</main></body></html>");
        return new ConsolePage(status, html.ToString());
    }

    /// <summary>A message page (errors, refusals) inside the frame.</summary>
    public static ConsolePage Message(HttpContext http, ConsoleTexts t, ConsoleUser? user, int status, string title, string text) =>
        Page(http, t, user, ConsoleNav.None, title, $"<section><p class=\"err\" role=\"alert\">{E(text)}</p></section>", status);

    /// <summary>A time in the account's zone, to the minute: <c>2026-12-02 10:15</c>.</summary>
    public static string Time(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>A duration as hh:mm (days added in front past 24 h): minutes matter for speed to lead.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d) return "—";
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        var hours = (long)d.TotalHours;
        return hours >= 24
            ? string.Create(CultureInfo.InvariantCulture, $"{hours / 24}d {hours % 24:00}:{d.Minutes:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{d.Minutes:00}");
    }

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string Link(string href, string text, bool current, string id) =>
        $"<a id=\"{id}\" href=\"{href}\"{(current ? " aria-current=\"page\"" : "")}>{E(text)}</a>";
}
