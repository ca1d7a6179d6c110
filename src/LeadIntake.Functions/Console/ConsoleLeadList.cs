using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Reporting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET /api/console/leads</c>: the lead list page with the filter form (a plain GET form: works without
/// JavaScript, and the URL is the filter, so it can be bookmarked), newest first, "older leads" paging with the
/// continuation token, and the CSV/XLSX exports of the same filter. Parameters are those of <c>GET /api/leads</c>.
/// </summary>
internal sealed class ConsoleLeadList(TableLeadQueries queries, IOptionsMonitor<ConsoleOptions> options)
{
    [Function("ConsoleLeadList")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/leads")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, queries, options, cancellationToken);

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, TableLeadQueries queries, IOptionsMonitor<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var t = ConsoleLanguage.Resolve(http);
        var zone = options.CurrentValue.Zone();
        var request = LeadListRequest.Read(http);
        if (request.Filter is not { } filter)
        {
            var errors = string.Concat(request.Errors.Select(e => $"<li><b>{ConsoleLayout.E(e.Field)}</b>: {ConsoleLayout.E(e.Message)}</li>"));
            return ConsoleLayout.Page(http, t, user, ConsoleNav.Leads, t["Leads_Title"],
                $"<section><ul class=\"err\" role=\"alert\" id=\"errors\">{errors}</ul><p><a href=\"/api/console/leads\">{ConsoleLayout.E(t["Leads_First"])}</a></p></section>",
                StatusCodes.Status400BadRequest);
        }
        var page = await queries.ListAsync(filter, request.PageSize, request.ContactKey, cancellationToken);
        return ConsoleLayout.Page(http, t, user, ConsoleNav.Leads, t["Leads_Title"], Body(t, filter, page, zone));
    }

    private static string Body(Core.Localization.ConsoleTexts t, LeadListFilter f, LeadListPage page, TimeZoneInfo zone)
    {
        string E(string? v) => ConsoleLayout.E(v);
        string Input(string name, string key, string? value, string type = "text") =>
            $"<div><label for=\"{name}\">{E(t[key])}</label><input id=\"{name}\" name=\"{name}\" type=\"{type}\" value=\"{E(value)}\"></div>";
        string Select<T>(string name, string key, T? current) where T : struct, Enum
        {
            var html = new StringBuilder($"<div><label for=\"{name}\">{E(t[key])}</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">{E(t["Filter_Any"])}</option>");
            foreach (var value in Enum.GetValues<T>())
            {
                var selected = current is { } c && c.Equals(value) ? " selected" : "";
                html.Append(CultureInfo.InvariantCulture, $"<option value=\"{WireNames.Of(value)}\"{selected}>{E(t.Rep.Find(typeof(T).Name + "_" + value) ?? WireNames.Of(value))}</option>");
            }
            return html.Append("</select></div>").ToString();
        }

        var body = new StringBuilder("<section><form class=\"filters\" method=\"get\" action=\"/api/console/leads\" id=\"filters\">");
        body.Append(Input("from", "Filter_From", f.FromText(zone), "date")).Append(Input("to", "Filter_To", f.ToText(zone), "date"))
            .Append(Select("status", "Filter_Status", f.Status)).Append(Select("intent", "Filter_Intent", f.Intent)).Append(Select("channel", "Filter_Channel", f.Channel))
            .Append(Input("provider", "Filter_Provider", f.Provider)).Append(Input("rep", "Filter_Rep", f.Rep))
            .Append(Input("utmSource", "Filter_UtmSource", f.UtmSource)).Append(Input("utmCampaign", "Filter_UtmCampaign", f.UtmCampaign))
            .Append(Input("q", "Filter_Q", f.Q, "search"))
            .Append(CultureInfo.InvariantCulture, $"<div><button class=\"primary\" type=\"submit\" id=\"apply\">{E(t["Leads_Filter"])}</button></div></form>");
        var query = f.ToQuery(zone);
        body.Append(CultureInfo.InvariantCulture,
            $"<div class=\"actions\"><a class=\"button secondary\" id=\"export-csv\" href=\"/api/leads/export/csv?{E(query)}\">{E(t["Leads_Csv"])}</a>" +
            $"<a class=\"button secondary\" id=\"export-xlsx\" href=\"/api/leads/export/xlsx?{E(query)}\">{E(t["Leads_Xlsx"])}</a></div></section>");

        body.Append("<section>");
        if (page.Items.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"no-leads\">{E(t["Leads_None"])}</p>");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t.Format("Leads_Count", page.Items.Count))}</p>")
                .Append(CultureInfo.InvariantCulture, $"<table class=\"cards\" id=\"leads\"><thead><tr><th>{E(t["Col_Captured"])}</th><th>{E(t["Col_Lead"])}</th><th>{E(t["Col_Status"])}</th>")
                .Append(CultureInfo.InvariantCulture, $"<th>{E(t["Col_Intent"])}</th><th>{E(t["Col_Channel"])}</th><th>{E(t["Col_Rep"])}</th></tr></thead><tbody>");
            foreach (var lead in page.Items) body.Append(Row(t, lead, zone));
            body.Append("</tbody></table>");
        }
        body.Append("<div class=\"actions\">");
        if (f.Cursor is not null) body.Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" id=\"first-page\" href=\"/api/console/leads?{E(query)}\">{E(t["Leads_First"])}</a>");
        if (page.Next is { } next) body.Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" id=\"next-page\" href=\"/api/console/leads?{E(f.ToQuery(zone, next))}\">{E(t["Leads_Next"])}</a>");
        return body.Append("</div></section>").ToString();
    }

    internal static string Row(Core.Localization.ConsoleTexts t, Lead lead, TimeZoneInfo zone)
    {
        string E(string? v) => ConsoleLayout.E(v);
        var who = new[] { lead.Contact.Company, lead.Contact.DisplayName }.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        var name = who.Count > 0 ? string.Join(" · ", who) : lead.Id.Value;
        return $"<tr data-id=\"{lead.Id.Value}\" data-status=\"{WireNames.Of(lead.Status)}\">" +
            $"<td data-label=\"{E(t["Col_Captured"])}\">{ConsoleLayout.Time(lead.CapturedAt, zone)}</td>" +
            $"<td data-label=\"{E(t["Col_Lead"])}\"><a href=\"/api/console/leads/{lead.Id.Value}\">{E(name)}</a></td>" +
            $"<td data-label=\"{E(t["Col_Status"])}\"><span class=\"status\">{E(t.Rep.Of(lead.Status))}</span></td>" +
            $"<td data-label=\"{E(t["Col_Intent"])}\">{E(lead.Intent is { } i ? WireNames.Of(i) : "—")}</td>" +
            $"<td data-label=\"{E(t["Col_Channel"])}\">{E($"{t.Rep.Of(lead.Channel)} / {lead.Provider}")}</td>" +
            $"<td data-label=\"{E(t["Col_Rep"])}\">{E(lead.Assignment?.RepName ?? lead.Assignment?.RepEmail ?? "—")}</td></tr>";
    }
}
