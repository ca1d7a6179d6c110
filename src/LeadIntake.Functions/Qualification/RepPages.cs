using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The rep pages' HTML: server-rendered, no JavaScript, phone-sized first, a few lines of inline CSS. Every value
/// is HTML-encoded here, once. A GET renders a confirmation or a form; only its POST changes the lead (mail scanners
/// fetch links, they don't submit forms).
/// </summary>
public static class RepPages
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

    public static RepPage Invalid() => Message(StatusCodes.Status403Forbidden, "This link is not valid",
        "The link is incomplete or was altered. Open it again from the original mail, or ask your sales manager.");

    public static RepPage Expired() => Message(StatusCodes.Status410Gone, "This link has expired",
        "Action links are valid for a limited time. Ask your sales manager to reassign or resend the lead.");

    /// <summary>A posted form that can't be read: too large (413), too many fields, malformed multipart, not UTF-8 (400).</summary>
    public static RepPage Unreadable(int status) => Message(status, "This form can't be read",
        status == StatusCodes.Status413PayloadTooLarge
            ? "The form is larger than a rep page ever sends. Open the link again from the mail and submit the page as it is."
            : "The form was damaged on its way. Open the link again from the mail and submit the page as it is.");

    public static RepPage NotFound() => Message(StatusCodes.Status404NotFound, "Lead not found", "There is no such lead, or the address is incomplete.");

    public static RepPage AlreadyUsed(Lead lead, IReadOnlyList<(string Label, string Href)> next) =>
        Page(StatusCodes.Status409Conflict, "This link was already used", Summary(lead) +
            "<p>Each link in a lead mail works once. The lead's current status is shown above.</p>" + Next(next));

    public static RepPage Conflict(Lead lead, string reason) =>
        Page(StatusCodes.Status409Conflict, "This can't be done now", Summary(lead) + $"<p class=\"err\">{E(reason)}</p>");

    /// <summary>A link whose step no longer applies: what happened, in words, and the lead page instead of a form.</summary>
    public static RepPage Stale(Lead lead, string whatHappened, string? leadPage) =>
        Page(StatusCodes.Status409Conflict, "This step no longer applies", Summary(lead) +
            $"<p id=\"stale\">{E(whatHappened)}</p>" +
            (leadPage is null ? "" : $"<ul class=\"next\"><li><a class=\"btn\" href=\"{E(leadPage)}\">{E(RepNextSteps.OpenLeadLabel)}</a></li></ul>"));

    /// <summary>A partial BANT save: what was recorded and what is still missing.</summary>
    public static RepPage PartlyQualified(Lead lead, IReadOnlyList<string> saved, IReadOnlyList<string> missing, IReadOnlyList<(string Label, string Href)> next) =>
        Page(StatusCodes.Status200OK, "Qualification saved, not complete yet", Summary(lead) +
            $"<p id=\"saved\">Saved: {E(saved.Count > 0 ? string.Join(", ", saved) : "nothing new")}.</p>" +
            $"<p id=\"missing\">Still missing for an SQL: {E(string.Join(", ", missing))}.</p>" + Next(next));

    public static RepPage Done(Lead lead, string headline, IReadOnlyList<(string Label, string Href)> next) =>
        Page(StatusCodes.Status200OK, headline, Summary(lead) + Next(next));

    /// <summary>The GET page: what the POST will do, with the form it needs.</summary>
    /// <param name="values">What the rep typed, shown again after a validation error so nothing is lost.</param>
    public static RepPage Confirm(RepAction action, Lead lead, string postUrl, IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, string>? values = null)
    {
        values ??= new Dictionary<string, string>();
        string V(string field) => E(values.GetValueOrDefault(field));
        string Input(string field, string extra = "") => $"<input id=\"{field}\" name=\"{field}\" value=\"{V(field)}\"{extra}>";
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
        static (string, string) Wire<T>(T value) where T : struct, Enum => (WireNames.Of(value), WireNames.Of(value).Replace('_', ' '));

        var body = new StringBuilder(Summary(lead));
        if (errors is { Count: > 0 })
        {
            body.Append("<div class=\"err\" role=\"alert\"><p>Please fix:</p><ul>");
            foreach (var e in errors) body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E(e.Field)}\">{E(RepActionForm.LabelOf(e.Field))}</a>: {E(e.Message)}</li>");
            body.Append("</ul></div>");
        }
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(postUrl)}\">");
        var (title, button) = action switch
        {
            RepAction.Accept => ("Accept this lead?", "Accept the lead"),
            RepAction.Qualify => ("Qualify this lead (BANT)", "Save qualification"),
            RepAction.Disqualify => ("Disqualify this lead", "Disqualify"),
            RepAction.Nurture => ("Return this lead to marketing (nurture)?", "Return to nurture"),
            RepAction.Opportunity => ("Create an opportunity?", "Create opportunity"),
            RepAction.Won => ("Mark the opportunity as won", "Mark as won"),
            RepAction.Lost => ("Mark as lost", "Mark as lost"),
            _ => ("Confirm", "Confirm"),
        };
        switch (action)
        {
            case RepAction.Qualify:
                body.Append("<label for=\"budget_amount\">Budget</label>").Append(Input("budget_amount", " inputmode=\"decimal\" placeholder=\"amount, e.g. 25000\""));
                body.Append("<div class=\"row\"><div><label for=\"budget_min\">or from</label>").Append(Input("budget_min", " inputmode=\"decimal\"")).Append("</div>");
                body.Append("<div><label for=\"budget_max\">to</label>").Append(Input("budget_max", " inputmode=\"decimal\"")).Append("</div>");
                body.Append(CultureInfo.InvariantCulture, $"<div><label for=\"currency\">Currency</label><input id=\"currency\" name=\"currency\" value=\"{(values.ContainsKey("currency") ? V("currency") : "EUR")}\" maxlength=\"3\"></div></div>");
                body.Append("<label for=\"authority\">Authority</label>").Append(Select("authority", new[] { AuthorityLevel.DecisionMaker, AuthorityLevel.Influencer, AuthorityLevel.User }.Select(Wire), "unknown"));
                body.Append("<label for=\"role\">Role</label>").Append(Input("role", " placeholder=\"e.g. plant manager\""));
                body.Append(CultureInfo.InvariantCulture, $"<label for=\"need\">Need</label><textarea id=\"need\" name=\"need\" rows=\"3\">{V("need")}</textarea>");
                body.Append("<div class=\"row\"><div><label for=\"timing_date\">Timing: by</label>").Append(Input("timing_date", " type=\"date\"")).Append("</div>");
                body.Append("<div><label for=\"timing_horizon\">or within</label>").Append(Select("timing_horizon", Enum.GetValues<TimingHorizon>().Select(Wire), "—"));
                body.Append("</div></div><p class=\"muted\">All four answers make the lead an SQL; a purchase within six months also makes it an SAL. You can save what you know now and come back.</p>");
                break;
            case RepAction.Disqualify:
                body.Append("<label for=\"reason\">Reason</label>").Append(Select("reason", Enum.GetValues<DisqualifyReason>().Select(r => (WireNames.Of(r), DisqualifyText(r))), "choose…", required: true));
                body.Append(CultureInfo.InvariantCulture, $"<label for=\"note\">Note (optional)</label><textarea id=\"note\" name=\"note\" rows=\"2\">{V("note")}</textarea>");
                body.Append("<p class=\"muted\">No budget, no need, not the decision maker or too early: the lead returns to marketing (nurture). The others close it.</p>");
                break;
            case RepAction.Won:
                body.Append("<div class=\"row\"><div><label for=\"amount\">Deal amount (optional)</label>").Append(Input("amount", " inputmode=\"decimal\" placeholder=\"e.g. 40000\"")).Append("</div>");
                body.Append(CultureInfo.InvariantCulture, $"<div><label for=\"currency\">Currency</label><input id=\"currency\" name=\"currency\" value=\"{(values.ContainsKey("currency") ? V("currency") : "EUR")}\" maxlength=\"3\"></div></div>");
                body.Append("<p class=\"muted\">The amount feeds the revenue figures.</p>");
                break;
            case RepAction.Lost:
                body.Append("<label for=\"reason\">Reason</label>").Append(Select("reason", RepActionForm.LostReasons.Select(Wire), "choose…", required: true));
                body.Append("<label for=\"competitor\">Competitor (optional)</label>").Append(Input("competitor"));
                break;
        }
        body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{E(button)}</button></form>");
        return Page(errors is { Count: > 0 } ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK, title, body.ToString());
    }

    /// <summary>A disqualify reason with what it does to the lead, so the outcome is no surprise.</summary>
    public static string DisqualifyText(DisqualifyReason reason) => reason switch
    {
        DisqualifyReason.NoBudget => "no budget (back to nurture)",
        DisqualifyReason.NotDecisionMaker => "not the decision maker (back to nurture)",
        DisqualifyReason.NoNeed => "no need (back to nurture)",
        DisqualifyReason.TimingTooFar => "too early (back to nurture)",
        DisqualifyReason.Spam => "spam (reported as spam)",
        _ => WireNames.Of(reason).Replace('_', ' ') + " (closes the lead)",
    };

    private static string Summary(Lead lead)
    {
        return $"<p>{E(RepLeadPageHtml.Headline(lead))}</p><p>Status: <span class=\"status\" id=\"status\">{E(WireNames.Of(lead.Status))}</span></p>";
    }

    private static string Next(IReadOnlyList<(string Label, string Href)> next)
    {
        if (next.Count == 0) return "";
        var html = new StringBuilder("<h2>Next steps</h2><ul class=\"next\">");
        foreach (var (label, href) in next) html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"btn\" href=\"{E(href)}\">{E(label)}</a></li>");
        return html.Append("</ul>").ToString();
    }

    private static RepPage Message(int status, string title, string text) => Page(status, title, $"<p>{E(text)}</p>");

    internal static RepPage Page(int status, string title, string body) => new(status,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
        $"<title>{E(title)} · LeadIntake</title><style>{Css}</style></head><body><main><h1>{E(title)}</h1>{body}</main></body></html>");

    internal static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
