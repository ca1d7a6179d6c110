using System.Globalization;
using System.Text;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET /api/console/kpis?month=&amp;mode=&amp;window=</c> (signed-in console user): the KPI page inside the console.
/// A plain GET form picks the month, the counting mode (always labelled on the page) and the cohort window, so the
/// URL is the view and it works without JavaScript; <see cref="KpiPageBody"/> renders the figures. The language is
/// the console's (<c>?lang=</c>, cookie, browser). Bad parameters give the 400 problem of the JSON API.
/// </summary>
internal sealed class KpiPage(KpiReports reports)
{
    [Function("KpiPage")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/kpis")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, request.Query["month"].FirstOrDefault(), request.Query["mode"].FirstOrDefault(), request.Query["window"].FirstOrDefault(), reports, cancellationToken);

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, string? month, string? mode, string? window, KpiReports reports, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        if (!KpiQuery.Parse(month, mode, window, reports.CurrentMonth).TryValue(out var query, out var problem)) return problem;
        var ct = ConsoleLanguage.Resolve(http);
        var t = KpiTexts.For(ct.Code);
        var report = await reports.LoadAsync(query, cancellationToken);
        var windowText = query.Window.ToString(CultureInfo.InvariantCulture);
        var exportQuery = $"month={report.Month}&mode={report.Mode}&window={windowText}";
        var html = new StringBuilder("<section><form class=\"filters\" method=\"get\" action=\"/api/console/kpis\" id=\"kpi-form\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"month\">{E(t["Month"])}</label><input id=\"month\" type=\"month\" name=\"month\" value=\"{E(report.Month)}\"></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"mode\">{E(t["Mode"])}</label><select id=\"mode\" name=\"mode\">")
            .Append(Option("period", t["Mode_period"], report.Mode)).Append(Option("cohort", t["Mode_cohort"], report.Mode)).Append("</select></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"window\">{E(t["Window"])}</label><select id=\"window\" name=\"window\">");
        foreach (var w in Core.Kpis.LeadKpiContributions.CohortWindows)
        {
            html.Append(Option(w.ToString(CultureInfo.InvariantCulture), t.Format("Days", w), windowText));
        }
        html.Append(CultureInfo.InvariantCulture, $"</select></div><div><button class=\"primary\" type=\"submit\" id=\"show\">{E(t["Show"])}</button></div></form>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"actions\"><a class=\"button secondary\" id=\"spend-link\" href=\"{ConsoleSpend.Path}?month={E(report.Month)}\">{E(t["SpendTitle"])}</a>")
            .Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" id=\"visitors-link\" href=\"{ConsoleVisitors.Path}?month={E(report.Month)}\">{E(t["VisitorsTitle"])}</a></div></section>")
            .Append(KpiPageBody.Render(report, t, exportQuery));
        return ConsoleLayout.Page(http, ct, user, ConsoleNav.Kpis, $"{t["Title"]} · {report.Month}", html.ToString());
    }

    private static string Option(string value, string label, string selected) =>
        $"<option value=\"{E(value)}\"{(value == selected ? " selected" : "")}>{E(label)}</option>";

    private static string E(string? text) => ConsoleLayout.E(text);
}
