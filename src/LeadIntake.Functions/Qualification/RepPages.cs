using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The rep pages' HTML: server-rendered, no JavaScript, phone-sized first, a few lines of inline CSS. Every value
/// is HTML-encoded here, once. A GET renders a confirmation or a form; only its POST changes the lead (mail scanners
/// fetch links, they don't submit forms).
/// </summary>
internal static class RepPages
{
    private const string Css =
        "body{font-family:-apple-system,Segoe UI,Roboto,sans-serif;margin:0;padding:16px;color:#222;background:#f6f7f9}" +
        "main{max-width:560px;margin:0 auto;background:#fff;border-radius:10px;padding:16px 18px;box-shadow:0 1px 3px #0002}" +
        "h1{font-size:1.3em;margin:0 0 8px}label{display:block;font-weight:600;margin:12px 0 4px}" +
        "input,select,textarea{box-sizing:border-box;width:100%;font-size:16px;padding:10px;border:1px solid #bbb;border-radius:6px}" +
        "button,.btn{display:inline-block;box-sizing:border-box;width:100%;margin-top:16px;padding:12px;font-size:17px;font-weight:700;border:0;border-radius:8px;background:#1f5fbf;color:#fff;text-align:center;text-decoration:none}" +
        ".row{display:flex;gap:8px}.row>div{flex:1}.muted{color:#666;font-size:.9em}.err{color:#b00020;font-weight:600}" +
        ".status{display:inline-block;padding:2px 10px;border-radius:12px;background:#e8eefc;font-weight:700}ul.next{list-style:none;padding:0}" +
        "h2{font-size:1.1em;margin:18px 0 6px}dl.facts{margin:0}dl.facts dt{font-weight:600;margin-top:6px}dl.facts dd{margin:0;overflow-wrap:anywhere}" +
        ".msg{white-space:pre-wrap;overflow-wrap:anywhere}ol.timeline{padding-left:20px}ol.timeline li{margin:6px 0;overflow-wrap:anywhere}";

    public static RepPage Invalid(RepTexts t) => Message(t, StatusCodes.Status403Forbidden, t["Page_Invalid_Title"], t["Page_Invalid_Text"]);

    public static RepPage Expired(RepTexts t) => Message(t, StatusCodes.Status410Gone, t["Page_Expired_Title"], t["Page_Expired_Text"]);

    /// <summary>A posted form that can't be read: too large (413), too many fields, malformed multipart, not UTF-8 (400).</summary>
    public static RepPage Unreadable(RepTexts t, int status) => Message(t, status, t["Page_Unreadable_Title"],
        status == StatusCodes.Status413PayloadTooLarge ? t["Page_Unreadable_TooLarge"] : t["Page_Unreadable_Damaged"]);

    public static RepPage NotFound(RepTexts t) => Message(t, StatusCodes.Status404NotFound, t["Page_NotFound_Title"], t["Page_NotFound_Text"]);

    public static RepPage AlreadyUsed(RepTexts t, Lead lead, IReadOnlyList<(string Label, string Href)> next) =>
        Page(t, StatusCodes.Status409Conflict, t["Page_AlreadyUsed_Title"], Summary(t, lead) +
            $"<p>{E(t["Page_AlreadyUsed_Text"])}</p>" + Next(t, next));

    public static RepPage Conflict(RepTexts t, Lead lead, string reason) =>
        Page(t, StatusCodes.Status409Conflict, t["Page_Conflict_Title"], Summary(t, lead) + $"<p class=\"err\">{E(reason)}</p>");

    /// <summary>A link whose step no longer applies: what happened, in words, and the lead page instead of a form.</summary>
    public static RepPage Stale(RepTexts t, Lead lead, string whatHappened, string? leadPage) =>
        Page(t, StatusCodes.Status409Conflict, t["Page_Stale_Title"], Summary(t, lead) +
            $"<p id=\"stale\">{E(whatHappened)}</p>" +
            (leadPage is null ? "" : $"<ul class=\"next\"><li><a class=\"btn\" href=\"{E(leadPage)}\">{E(t["Mail_OpenLead"])}</a></li></ul>"));

    /// <summary>A partial BANT save: what was recorded and what is still missing.</summary>
    /// <param name="saved">BANT part names as the qualifier names them (<c>budget</c>, <c>authority</c>, <c>need</c>, <c>timing</c>).</param>
    public static RepPage PartlyQualified(RepTexts t, Lead lead, IReadOnlyList<string> saved, IReadOnlyList<string> missing, IReadOnlyList<(string Label, string Href)> next)
    {
        string Parts(IEnumerable<string> parts) => string.Join(", ", parts.Select(p => (t.Find("Bant_" + p) ?? p).ToLower(t.Culture)));
        return Page(t, StatusCodes.Status200OK, t["Page_Partly_Title"], Summary(t, lead) +
            $"<p id=\"saved\">{E(t.Format("Page_Partly_Saved", saved.Count > 0 ? Parts(saved) : t["Page_Partly_Nothing"]))}</p>" +
            $"<p id=\"missing\">{E(t.Format("Page_Partly_Missing", Parts(missing)))}</p>" + Next(t, next));
    }

    public static RepPage Done(RepTexts t, Lead lead, string headline, IReadOnlyList<(string Label, string Href)> next) =>
        Page(t, StatusCodes.Status200OK, headline, Summary(t, lead) + Next(t, next));

    /// <summary>The GET page: what the POST will do, with the form it needs.</summary>
    /// <param name="values">What the rep typed, shown again after a validation error so nothing is lost.</param>
    public static RepPage Confirm(RepTexts t, RepAction action, Lead lead, string postUrl, IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, string>? values = null)
    {
        values ??= new Dictionary<string, string>();
        string V(string field) => E(values.GetValueOrDefault(field));
        string Input(string field, string extra = "") => $"<input id=\"{field}\" name=\"{field}\" value=\"{V(field)}\"{extra}>";
        string Label(string field, string key) => $"<label for=\"{field}\">{E(t[key])}</label>";
        string Select(string field, IEnumerable<(string Value, string Text)> options, string empty, bool required = false)
        {
            var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<select id=\"{field}\" name=\"{field}\"{(required ? " required" : "")}><option value=\"\">{E(empty)}</option>");
            foreach (var (value, text) in options)
            {
                var selected = string.Equals(values.GetValueOrDefault(field), value, StringComparison.Ordinal) ? " selected" : "";
                html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(value)}\"{selected}>{E(text)}</option>");
            }
            return html.Append("</select>").ToString();
        }
        (string, string) Wire<T>(T value) where T : struct, Enum => (WireNames.Of(value), t.Of(value));

        var body = new StringBuilder(Summary(t, lead));
        if (errors is { Count: > 0 })
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"err\" role=\"alert\"><p>{E(t["Form_PleaseFix"])}</p><ul>");
            foreach (var e in errors) body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E(e.Field)}\">{E(RepActionForm.LabelOf(t, e.Field))}</a>{E(t["Form_ErrorSeparator"])}{E(e.Message)}</li>");
            body.Append("</ul></div>");
        }
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(postUrl)}\">");
        var title = t.Find($"Form_{action}_Title") ?? t["Form_Confirm"];
        var button = t.Find($"Form_{action}_Button") ?? t["Form_Confirm"];
        var currency = $"<div>{Label("currency", "Form_Currency")}<input id=\"currency\" name=\"currency\" value=\"{(values.ContainsKey("currency") ? V("currency") : "EUR")}\" maxlength=\"3\"></div></div>";
        switch (action)
        {
            case RepAction.Qualify:
                body.Append(Label("budget_amount", "Form_Budget")).Append(Input("budget_amount", $" inputmode=\"decimal\" placeholder=\"{E(t["Form_BudgetPlaceholder"])}\""));
                body.Append("<div class=\"row\"><div>").Append(Label("budget_min", "Form_BudgetFrom")).Append(Input("budget_min", " inputmode=\"decimal\"")).Append("</div>");
                body.Append("<div>").Append(Label("budget_max", "Form_BudgetTo")).Append(Input("budget_max", " inputmode=\"decimal\"")).Append("</div>");
                body.Append(currency);
                body.Append(Label("authority", "Form_Authority")).Append(Select("authority", new[] { AuthorityLevel.DecisionMaker, AuthorityLevel.Influencer, AuthorityLevel.User }.Select(Wire), t["AuthorityLevel_Unknown"]));
                body.Append(Label("role", "Form_Role")).Append(Input("role", $" placeholder=\"{E(t["Form_RolePlaceholder"])}\""));
                body.Append(Label("need", "Form_Need")).Append(CultureInfo.InvariantCulture, $"<textarea id=\"need\" name=\"need\" rows=\"3\">{V("need")}</textarea>");
                body.Append("<div class=\"row\"><div>").Append(Label("timing_date", "Form_TimingBy")).Append(Input("timing_date", " type=\"date\"")).Append("</div>");
                body.Append("<div>").Append(Label("timing_horizon", "Form_TimingWithin")).Append(Select("timing_horizon", Enum.GetValues<TimingHorizon>().Select(Wire), "—"));
                body.Append(CultureInfo.InvariantCulture, $"</div></div><p class=\"muted\">{E(t["Form_QualifyHelp"])}</p>");
                break;
            case RepAction.Disqualify:
                body.Append(Label("reason", "Form_Reason")).Append(Select("reason", Enum.GetValues<DisqualifyReason>().Select(r => (WireNames.Of(r), t.Of(r))), t["Form_Choose"], required: true));
                body.Append(Label("note", "Form_Note")).Append(CultureInfo.InvariantCulture, $"<textarea id=\"note\" name=\"note\" rows=\"2\">{V("note")}</textarea>");
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t["Form_DisqualifyHelp"])}</p>");
                break;
            case RepAction.Won:
                body.Append("<div class=\"row\"><div>").Append(Label("amount", "Form_DealAmount")).Append(Input("amount", $" inputmode=\"decimal\" placeholder=\"{E(t["Form_DealPlaceholder"])}\"")).Append("</div>");
                body.Append(currency);
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t["Form_WonHelp"])}</p>");
                break;
            case RepAction.Lost:
                body.Append(Label("reason", "Form_Reason")).Append(Select("reason", RepActionForm.LostReasons.Select(Wire), t["Form_Choose"], required: true));
                body.Append(Label("competitor", "Form_Competitor")).Append(Input("competitor"));
                break;
        }
        body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{E(button)}</button></form>");
        return Page(t, errors is { Count: > 0 } ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK, title, body.ToString());
    }

    /// <summary>The status badge: the status in words; <c>data-status</c> keeps the API's word for scripts and tests.</summary>
    internal static string StatusLine(RepTexts t, Lead lead) =>
        $"<p>{E(t["Page_Status"])} <span class=\"status\" id=\"status\" data-status=\"{E(WireNames.Of(lead.Status))}\">{E(t.Of(lead.Status))}</span></p>";

    private static string Summary(RepTexts t, Lead lead) => $"<p>{E(RepLeadPageHtml.Headline(t, lead))}</p>" + StatusLine(t, lead);

    private static string Next(RepTexts t, IReadOnlyList<(string Label, string Href)> next)
    {
        if (next.Count == 0) return "";
        var html = new StringBuilder($"<h2>{E(t["Page_NextSteps"])}</h2><ul class=\"next\">");
        foreach (var (label, href) in next) html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"btn\" href=\"{E(href)}\">{E(label)}</a></li>");
        return html.Append("</ul>").ToString();
    }

    private static RepPage Message(RepTexts t, int status, string title, string text) => Page(t, status, title, $"<p>{E(text)}</p>");

    /// <summary>A page for mailbox staff (the review pages): English, as the rest of the admin side.</summary>
    internal static RepPage Page(int status, string title, string body) => Page(RepTexts.English, status, title, body);

    internal static RepPage Page(RepTexts t, int status, string title, string body) => new(status,
        $"<!doctype html><html lang=\"{t.Code}\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
        $"<title>{E(title)} · LeadIntake</title><style>{Css}</style></head><body><main><h1>{E(title)}</h1>{body}</main></body></html>");

    internal static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
