using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Reporting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET /api/console/leads/{id}</c>: one lead for the lead manager — where it stands, the contact, every decision
/// with its reasons (screening, assignment, disqualification, nurture, loss), the timeline of audit events with who
/// and when, the raw payload as delivered (HTML-escaped), and the actions its status allows. Each view is written to
/// the privacy proof log (<c>PersonalDataViewed</c>: the console user, the lead id, no personal data).
/// </summary>
internal sealed class ConsoleLeadPage(ILeadStore store, TableLeadQueries queries, IPrivacyLog privacyLog, TimeProvider time, IOptionsMonitor<ConsoleOptions> options)
{
    [Function("ConsoleLeadPage")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/leads/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        HandleAsync(id, request.HttpContext, store, queries, privacyLog, time, options, cancellationToken);

        // Shown HTML-encoded, so the JSON needs no escaping of its own beyond quotes and control characters.
    private static readonly JsonSerializerOptions Indented = new(LeadJson.Options) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(string id, HttpContext http, ILeadStore store, TableLeadQueries queries, IPrivacyLog privacyLog, TimeProvider time, IOptionsMonitor<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var t = ConsoleLanguage.Resolve(http);
        if (!LeadId.TryParse(id, out var leadId) || await store.FindAsync(leadId, cancellationToken) is not { } stored)
        {
            return ConsoleLayout.Message(http, t, user, StatusCodes.Status404NotFound, t["Error_Title"], t["Error_NotFound"]);
        }
        // Reading a lead's personal data in the cockpit is a privacy fact (Art. 32 accountability): who, when, which lead.
        await privacyLog.AppendAsync(new PrivacyLogEntry(time.GetUtcNow(), PrivacyAction.PersonalDataViewed, "console", user!.Name, 1, leadId.Value), cancellationToken);
        var events = await store.GetEventsAsync(leadId, cancellationToken);
        var raw = await queries.RawPayloadsAsync(leadId, cancellationToken);
        var lead = stored.Lead;
        return ConsoleLayout.Page(http, t, user, ConsoleNav.Leads, t.Format("Lead_Title", Headline(lead)), Body(t, lead, events, raw, options.CurrentValue.Zone(), http.Request.Query["done"].FirstOrDefault()));
    }

    internal static string Headline(Lead lead)
    {
        var who = new[] { lead.Contact.Company, lead.Contact.DisplayName }.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return who.Count > 0 ? string.Join(" · ", who) : lead.Id.Value;
    }

    /// <summary>The actions the lead's status allows, as the lifecycle table says.</summary>
    public static IReadOnlyList<ConsoleAction> Allowed(Lead lead) =>
        Enum.GetValues<ConsoleAction>().Where(a => a switch
        {
            ConsoleAction.Release => Advances(lead.Status, LeadTrigger.Release),
            ConsoleAction.Reassign => Advances(lead.Status, LeadTrigger.Reassign),
            ConsoleAction.Spam => Advances(lead.Status, LeadTrigger.ConfirmSpam) || Advances(lead.Status, LeadTrigger.ReportSpam),
            ConsoleAction.Nurture => Advances(lead.Status, LeadTrigger.Nurture),
            _ => false,
        }).ToList();

    private static bool Advances(LeadStatus status, LeadTrigger trigger) => LeadLifecycle.Decide(status, trigger) is TransitionOutcome.Advanced;

    private static string Body(ConsoleTexts t, Lead lead, IReadOnlyList<LeadEvent> events, IReadOnlyList<RawPayloadText> raw, TimeZoneInfo zone, string? done)
    {
        string E(string? v) => ConsoleLayout.E(v);
        var html = new StringBuilder();
        if (done is { Length: > 0 } && WireNames.TryParse<ConsoleAction>(done, out var action))
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><p class=\"ok\" id=\"done\" role=\"status\">{E(t.Format("Action_Done", t["Action_" + WireNames.Of(action)]))}</p></section>");
        }

        var c = lead.Contact;
        var s = lead.Captured.Source;
        html.Append("<section id=\"facts\"><dl class=\"facts\">")
            .Append(Fact(t["Col_Status"], $"<span class=\"status\" id=\"status\" data-status=\"{WireNames.Of(lead.Status)}\">{E(t.Rep.Of(lead.Status))}</span>"))
            .Append(Fact(t["Lead_Intent"], E(lead.Intent is { } i ? WireNames.Of(i) : "—")))
            .Append(Fact(t["Lead_Channel"], E($"{t.Rep.Of(lead.Channel)} / {lead.Provider}")))
            .Append(Fact(t["Lead_Captured"], E(ConsoleLayout.Time(lead.CapturedAt, zone))))
            .Append(Fact(t["Lead_Rep"], E(lead.Assignment is { } owner ? $"{owner.RepName} <{owner.RepEmail}>" : t["Lead_NoRep"])))
            .Append(Fact(t["Lead_Name"], E(c.DisplayName ?? "—")))
            .Append(Fact(t["Lead_Email"], E(c.Email ?? "—")))
            .Append(Fact(t["Lead_Phone"], E(c.Phone ?? "—")))
            .Append(Fact(t["Lead_Company"], E(c.Company ?? "—")))
            .Append(Fact(t["Lead_Source"], E(string.Join(" · ", new[] { s.UtmSource, s.UtmMedium, s.UtmCampaign, s.PageUrl }.Where(v => !string.IsNullOrWhiteSpace(v)))) is { Length: > 0 } src ? src : "—"));
        if (lead.Captured.Subject is { Length: > 0 } subject) html.Append(Fact(t["Lead_Message"], E(subject)));
        if (lead.Captured.Message is { Length: > 0 } message) html.Append(Fact(t["Lead_Message"], $"<span style=\"white-space:pre-wrap\">{E(message)}</span>"));
        html.Append("</dl></section>");

        var allowed = Allowed(lead);
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"actions\"><h2>{E(t["Lead_Actions"])}</h2>");
        if (allowed.Count == 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t["Lead_NoActions"])}</p>");
        else
        {
            html.Append("<div class=\"actions\">");
            foreach (var a in allowed)
            {
                var name = WireNames.Of(a);
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" id=\"action-{name}\" href=\"/api/console/leads/{lead.Id.Value}/{name}\">{E(t["Action_" + name])}</a>");
            }
            html.Append("</div>");
        }
        html.Append("</section>");

        html.Append(CultureInfo.InvariantCulture, $"<section id=\"decisions\"><h2>{E(t["Lead_Decisions"])}</h2><ul>");
        int decisions = 0;
        if (lead.Screening is { } sc)
        {
            decisions++;
            html.Append(CultureInfo.InvariantCulture, $"<li id=\"screening\">{E(t.Format("Lead_Screening", WireNames.Of(sc.Intent), sc.Confidence, sc.SpamScore))}<ul>");
            foreach (var reason in sc.Reasons) html.Append(CultureInfo.InvariantCulture, $"<li class=\"reason\">{E(reason)}</li>");
            html.Append("</ul></li>");
        }
        if (lead.ReleasedFromQuarantine) { decisions++; html.Append(CultureInfo.InvariantCulture, $"<li>{E(t["Action_release"])}</li>"); }
        if (lead.Assignment is { } assignment) { decisions++; html.Append(CultureInfo.InvariantCulture, $"<li id=\"assignment\">{E(t.Format("Lead_Assignment", assignment.RepName ?? assignment.RepEmail, assignment.Reason))}</li>"); }
        if (lead.Disqualification is { } d) { decisions++; html.Append(CultureInfo.InvariantCulture, $"<li>{E(t.Rep.Find("Lead_Disqualified") ?? "")}: {E(WireNames.Of(d.Reason))} {E(d.Note)} · {E(t.Format("Lead_By", d.By))}</li>"); }
        if (lead.NurtureReason is { } n) { decisions++; html.Append(CultureInfo.InvariantCulture, $"<li>{E(t.Rep.Find("Lead_Nurture") ?? "")}: {E(WireNames.Of(n))}</li>"); }
        if (lead.LostReason is { } lost) { decisions++; html.Append(CultureInfo.InvariantCulture, $"<li>{E(t.Rep.Find("Lead_Lost") ?? "")}: {E(WireNames.Of(lost))}</li>"); }
        html.Append("</ul>");
        if (decisions == 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t["Lead_NoDecision"])}</p>");
        html.Append("</section>");

        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(t["Lead_Timeline"])}</h2><ol class=\"timeline\" id=\"timeline\">");
        foreach (var e in events.OrderBy(e => e.At))
        {
            var type = WireNames.Of(e.Type);
            html.Append(CultureInfo.InvariantCulture,
                $"<li data-type=\"{E(type)}\"><span class=\"muted\">{E(ConsoleLayout.Time(e.At, zone))}</span> {E(t.Rep.Find("Event_" + type) ?? type)} " +
                $"<span class=\"muted\">· {E(t.Format("Lead_By", e.Actor))}</span>{(e.Detail is { Length: > 0 } detail ? $"<br><span class=\"muted\">{E(detail)}</span>" : "")}</li>");
        }
        html.Append("</ol></section>");

        html.Append(CultureInfo.InvariantCulture, $"<section id=\"raw\"><h2>{E(t["Lead_Raw"])}</h2>");
        if (raw.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t["Lead_NoRaw"])}</p><pre>{E(JsonSerializer.Serialize(lead.Captured, Indented))}</pre>");
        }
        foreach (var payload in raw)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(payload.ContentType ?? "")}{(payload.Truncated ? " (…)" : "")}</p><pre>{E(payload.Text)}</pre>");
        }
        return html.Append("</section>").ToString();
    }

    private static string Fact(string label, string html) => $"<dt>{ConsoleLayout.E(label)}</dt><dd>{html}</dd>";
}
