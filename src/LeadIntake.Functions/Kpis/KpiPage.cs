using System.Net;
using System.Text;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET /api/console/kpis?month=&amp;mode=&amp;window=&amp;lang=en|fr</c> (admin): the KPI page. A minimal page around
/// <see cref="KpiPageBody"/> (a GET form to pick the month and mode, no script) until the console layout and its
/// sign-in wrap the body instead. Bad parameters give the 400 problem of the JSON API.
/// </summary>
internal sealed class KpiPage(KpiReports reports)
{
    [Function("KpiPage")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "console/kpis")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.Query["month"].FirstOrDefault(), request.Query["mode"].FirstOrDefault(), request.Query["window"].FirstOrDefault(), request.Query["lang"].FirstOrDefault(), request.Query["code"].FirstOrDefault(), reports, cancellationToken);

        private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;max-width:72rem;color:#1b1b1b;line-height:1.4}" +
        "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.75rem}form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}" +
        "label{display:flex;flex-direction:column;font-size:.9rem}input,select,button{font-size:1rem;padding:.3rem}" +
        ".scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:right;white-space:nowrap}" +
        "th[scope=row],thead th:first-child{text-align:left}.notice{background:#fff4ce;padding:.5rem}.chart{margin:0;max-width:36rem}" +
        ".fallback{font-size:.85rem}figcaption{font-size:.85rem;color:#555}";

    private static async Task<IResult> HandleAsync(string? month, string? mode, string? window, string? lang, string? code, KpiReports reports, CancellationToken cancellationToken)
    {
        var (query, problem) = KpiQuery.Parse(month, mode, window, reports.CurrentMonth);
        if (problem is not null) return problem;
        var t = KpiTexts.For(lang);
        var report = await reports.LoadAsync(query!, cancellationToken);
        var exportQuery = $"month={report.Month}&mode={report.Mode}&window={query!.Window}" + (code is null ? "" : "&code=" + Uri.EscapeDataString(code));
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(t.Code).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(t["Title"])).Append(" · ").Append(E(report.Month)).Append("</title><style>").Append(Style).Append("</style></head><body><main>")
            .Append("<h1>").Append(E(t["Title"])).Append("</h1><form method=\"get\" action=\"/api/console/kpis\">")
            .Append("<label>").Append(E(t["Month"])).Append("<input type=\"month\" name=\"month\" value=\"").Append(E(report.Month)).Append("\"></label>")
            .Append("<label>").Append(E(t["Mode"])).Append("<select name=\"mode\">").Append(Option("period", t["Mode_period"], report.Mode)).Append(Option("cohort", t["Mode_cohort"], report.Mode)).Append("</select></label>")
            .Append("<label>").Append(E(t["Window"])).Append("<select name=\"window\">");
        foreach (var w in Core.Kpis.LeadKpiContributions.CohortWindows)
        {
            var value = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
            html.Append(Option(value, t.Format("Days", w), query.Window.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        html.Append("</select></label><label>").Append(E(t["Language"])).Append("<select name=\"lang\">").Append(Option("en", "English", t.Code)).Append(Option("fr", "Français", t.Code)).Append("</select></label>");
        if (code is not null) html.Append("<input type=\"hidden\" name=\"code\" value=\"").Append(E(code)).Append("\">");
        html.Append("<button type=\"submit\">").Append(E(t["Show"])).Append("</button></form>")
            .Append(KpiPageBody.Render(report, t, exportQuery))
            .Append("</main></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Option(string value, string label, string selected) =>
        $"<option value=\"{E(value)}\"{(value == selected ? " selected" : "")}>{E(label)}</option>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
