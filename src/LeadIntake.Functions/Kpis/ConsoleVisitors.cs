using System.Globalization;
using System.Text;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET/POST /api/console/kpis/visitors?month=</c> (signed-in console user): the monthly website visitors (the
/// conversion rate's denominator), a form for one month and a CSV import (<c>month,visitors</c>), both with the CSRF
/// token. Setting a month again replaces its figure, so a re-import changes nothing; when any row is refused, every
/// refused row is listed with its line and reason and nothing is stored.
/// </summary>
internal sealed class ConsoleVisitors(TableKpiStore store, KpiReports reports)
{
    [Function("ConsoleVisitors")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/kpis/visitors")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, store, reports, cancellationToken);

    public const string Path = "/api/console/kpis/visitors";
    private const long MaxFileBytes = 256 * 1024;

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, TableKpiStore store, KpiReports reports, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var ct = ConsoleLanguage.Resolve(http);
        var t = KpiTexts.For(ct.Code);
        var month = KpiMonth.TryParse(http.Request.Query["month"].FirstOrDefault(), out var asked) ? asked : reports.CurrentMonth;
        IReadOnlyList<SpendRowError> refused = [];
        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (await ConsoleAccess.CheckFormAsync(http) is { } bad) return bad;
            var form = await http.Request.ReadFormAsync(cancellationToken);
            IReadOnlyList<(KpiMonth Month, long Visitors)> rows;
            if (form["op"].FirstOrDefault() == "import")
            {
                if (!(await ConsoleUpload.ReadTextAsync(form, MaxFileBytes, cancellationToken)).TryValue(out var text, out var problem)) return problem;
                (rows, refused) = VisitorsCsvParser.Parse(text);
            }
            else
            {
                var (row, errors) = VisitorsCsvParser.ParseRow(1, form["month"].FirstOrDefault(), form["visitors"].FirstOrDefault());
                (rows, refused) = (row is { } r ? [r] : [], errors);
            }
            if (refused.Count == 0)
            {
                foreach (var (m, visitors) in rows) await store.SetVisitorsAsync(m, visitors, cancellationToken);
                var shown = rows.Count > 0 ? rows[0].Month : month;
                return TypedResults.Redirect(string.Create(CultureInfo.InvariantCulture, $"{Path}?month={shown}&saved={rows.Count}"));
            }
        }
        var current = await store.VisitorsAsync(month, cancellationToken);
        return ConsoleLayout.Page(http, ct, user, ConsoleNav.Kpis, $"{t["VisitorsTitle"]} · {month}", Body(http, t, month, current, refused),
            refused.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static string Body(HttpContext http, KpiTexts t, KpiMonth month, long? current, IReadOnlyList<SpendRowError> refused)
    {
        static string E(string? v) => ConsoleLayout.E(v);
        var html = new StringBuilder(ConsoleUpload.Outcome(http, t, refused));
        html.Append(CultureInfo.InvariantCulture, $"<section><p id=\"visitors-current\">{E(t["Visitors"])} · {month}: ")
            .Append(current is { } v ? E(v.ToString("N0", t.Culture)) : E(t["VisitorsNone"])).Append("</p>")
            .Append(CultureInfo.InvariantCulture, $"<form class=\"filters\" method=\"post\" action=\"{Path}?month={month}\" id=\"visitors-form\">{ConsoleAccess.TokenInput(http)}")
            .Append("<input type=\"hidden\" name=\"op\" value=\"set\">")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"month\">{E(t["Month"])}</label><input id=\"month\" type=\"month\" name=\"month\" value=\"{month}\" required></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"visitors\">{E(t["Visitors"])}</label><input id=\"visitors\" name=\"visitors\" inputmode=\"numeric\" value=\"{(current is { } c ? c.ToString(CultureInfo.InvariantCulture) : "")}\" required></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><button class=\"primary\" type=\"submit\" id=\"save-visitors\">{E(t["Save"])}</button></div></form>")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{ConsoleSpend.KpiPagePath(month)}\" id=\"back-to-kpis\">{E(t["BackToKpis"])}</a></p></section>");
        html.Append(ConsoleUpload.ImportForm(http, t, $"{Path}?month={month}", "visitors-import", t["VisitorsCsvHelp"]));
        return html.ToString();
    }
}
