using System.Globalization;
using System.Text;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>GET/POST /api/console/kpis/spend?month=</c> (signed-in console user): the month's spend ledger, a form that adds
/// or replaces one line, and a CSV file import. Both forms carry the CSRF token. Lines are keyed by month, channel,
/// source, campaign and kind, so a re-import replaces rather than adds; when any row is refused, the page lists every
/// refused row with its line and reason and nothing is stored (the same rules as <c>PUT /api/kpis/spend</c>).
/// </summary>
internal sealed class ConsoleSpend(TableKpiStore store, KpiReports reports, IOptions<KpiOptions> options)
{
    [Function("ConsoleSpend")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/kpis/spend")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, store, reports, options, cancellationToken);

    public const string Path = "/api/console/kpis/spend";
    private const long MaxFileBytes = 1024 * 1024;

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, TableKpiStore store, KpiReports reports, IOptions<KpiOptions> options, CancellationToken cancellationToken)
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
            var currency = options.Value.Currency;
            IReadOnlyList<SpendLine> lines;
            if (form["op"].FirstOrDefault() == "import")
            {
                if (!(await ConsoleUpload.ReadTextAsync(form, MaxFileBytes, cancellationToken)).TryValue(out var text, out var problem)) return problem;
                (lines, refused) = SpendLedgerParser.ParseCsv(text, currency);
            }
            else
            {
                string? F(string name) => form[name].FirstOrDefault();
                var (line, errors) = SpendLedgerParser.ParseRow(1, F("month"), F("channel"), F("source"), F("campaign"), F("kind"), F("amount"), null, currency);
                (lines, refused) = (line is null ? [] : [line], errors);
            }
            if (refused.Count == 0)
            {
                await store.UpsertSpendAsync(lines, cancellationToken);
                var shown = lines.Count > 0 ? lines[0].Month : month;
                return TypedResults.Redirect(string.Create(CultureInfo.InvariantCulture, $"{Path}?month={shown}&saved={lines.Count}"));
            }
        }
        var ledger = await store.ReadSpendAsync(month, cancellationToken);
        var body = Body(http, t, month, ledger, refused, options.Value.Currency);
        return ConsoleLayout.Page(http, ct, user, ConsoleNav.Kpis, $"{t["SpendTitle"]} · {month}", body,
            refused.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static string Body(HttpContext http, KpiTexts t, KpiMonth month, IReadOnlyList<SpendLine> ledger, IReadOnlyList<SpendRowError> refused, string currency)
    {
        static string E(string? v) => ConsoleLayout.E(v);
        var html = new StringBuilder();
        html.Append(ConsoleUpload.Outcome(http, t, refused));
        html.Append(CultureInfo.InvariantCulture, $"<section><form class=\"filters\" method=\"get\" action=\"{Path}\"><div><label for=\"show-month\">{E(t["Month"])}</label>")
            .Append(CultureInfo.InvariantCulture, $"<input id=\"show-month\" type=\"month\" name=\"month\" value=\"{month}\"></div><div><button class=\"secondary\" type=\"submit\">{E(t["Show"])}</button></div></form>");
        if (ledger.Count == 0) html.Append(CultureInfo.InvariantCulture, $"<p id=\"spend-none\">{E(t["SpendNone"])}</p>");
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"cards\" id=\"spend\"><thead><tr><th>{E(t["Channel"])}</th><th>{E(t["Source"])}</th><th>{E(t["Campaign"])}</th><th>{E(t["Kind"])}</th><th class=\"n\">{E(t["Amount"])}</th></tr></thead><tbody>");
            foreach (var l in ledger.OrderBy(l => l.Channel).ThenBy(l => l.Source, StringComparer.Ordinal).ThenBy(l => l.Campaign, StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td data-label=\"{E(t["Channel"])}\">{E(t["Channel_" + WireNames.Of(l.Channel)])}</td><td data-label=\"{E(t["Source"])}\">{E(l.Source)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Campaign"])}\">{E(l.Campaign)}</td><td data-label=\"{E(t["Kind"])}\">{E(KindText(l.Kind))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-label=\"{E(t["Amount"])}\">{E(l.Amount.ToString("N2", t.Culture))} {E(l.Currency)}</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{KpiPagePath(month)}\" id=\"back-to-kpis\">{E(t["BackToKpis"])}</a></p></section>");

        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(t["AddLine"])}</h2><form class=\"filters\" method=\"post\" action=\"{Path}?month={month}\" id=\"spend-form\">{ConsoleAccess.TokenInput(http)}")
            .Append("<input type=\"hidden\" name=\"op\" value=\"add\">")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"month\">{E(t["Month"])}</label><input id=\"month\" type=\"month\" name=\"month\" value=\"{month}\" required></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"channel\">{E(t["Channel"])}</label><select id=\"channel\" name=\"channel\">");
        foreach (var c in Enum.GetValues<Channel>()) html.Append(CultureInfo.InvariantCulture, $"<option value=\"{WireNames.Of(c)}\">{E(t["Channel_" + WireNames.Of(c)])}</option>");
        html.Append("</select></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"source\">{E(t["Source"])}</label><input id=\"source\" name=\"source\" required></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"campaign\">{E(t["Campaign"])}</label><input id=\"campaign\" name=\"campaign\"></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"kind\">{E(t["Kind"])}</label><select id=\"kind\" name=\"kind\">");
        foreach (var k in Enum.GetValues<SpendKind>()) html.Append(CultureInfo.InvariantCulture, $"<option value=\"{KindText(k)}\">{E(KindText(k))}</option>");
        html.Append("</select></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><label for=\"amount\">{E(t["Amount"])} ({E(currency)})</label><input id=\"amount\" name=\"amount\" inputmode=\"decimal\" required></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><button class=\"primary\" type=\"submit\" id=\"add-spend\">{E(t["Save"])}</button></div></form></section>");
        html.Append(ConsoleUpload.ImportForm(http, t, $"{Path}?month={month}", "spend-import", t["SpendCsvHelp"]));
        return html.ToString();
    }

    internal static string KindText(SpendKind kind) => WireNames.Of(kind).Replace('_', '-');

    internal static string KpiPagePath(KpiMonth month) => string.Create(CultureInfo.InvariantCulture, $"{ConsoleLayout.KpisPath}?month={month}");
}
