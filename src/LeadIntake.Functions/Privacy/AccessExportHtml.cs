using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using static LeadIntake.Functions.Privacy.PrivacyHtml;

namespace LeadIntake.Functions.Privacy;

/// <summary>The access export as a page a person can read: per lead, the contact, the request, purposes, provenance, decisions, mails, payloads.</summary>
internal static class AccessExportHtml
{
    public static PrivacyHtmlPage Render(AccessExport export)
    {
        var html = Start("Personal data held");
        Rows(html,
        [
            ("Email", export.Query.Email), ("Phone", export.Query.Phone), ("Generated", Time(export.GeneratedAt)),
            ("Export", export.ExportId), ("Requests found", export.LeadCount.ToString(CultureInfo.InvariantCulture)),
        ]);
        if (export.LeadCount == 0) html.Append("<p>No data is held about this email address or phone number.</p>");
        foreach (var item in export.Leads) Lead(html, item);
        return new PrivacyHtmlPage(End(html));
    }

    private static void Lead(System.Text.StringBuilder html, ExportedLead item)
    {
        var lead = item.Lead;
        var c = lead.Contact;
        var captured = lead.Captured;
        html.Append(CultureInfo.InvariantCulture, $"<h2>Request {Enc(lead.Id.Value)}</h2>");
        Rows(html,
        [
            ("Received", Time(lead.CapturedAt)), ("Channel", $"{WireNames.Of(lead.Channel)} ({lead.Provider})"), ("Status", WireNames.Of(lead.Status)),
            ("Name", c.DisplayName), ("Email", c.Email), ("Phone", c.Phone), ("Company", c.Company), ("Job title", c.JobTitle), ("Country", c.Country),
            ("Subject", captured.Subject), ("Message", captured.Message),
            ("Assigned to", lead.Assignment?.RepEmail),
        ]);
        var p = item.Privacy;
        html.Append("<h3>Where it came from</h3>");
        Rows(html, [("Channel", WireNames.Of(p.Provenance.Channel)), ("Provider", p.Provenance.Provider), ("Page, number or mailbox", p.Provenance.Origin), ("Campaign", p.Provenance.Campaign)]);
        html.Append("<h3>Purposes</h3>");
        if (p.Purposes.Count == 0) html.Append("<p class=\"muted\">Recorded before purposes were recorded per request.</p>");
        else Table(html, ["Purpose", "Lawful basis", "Applies", "Evidence", "Consent text", "Recorded"],
            p.Purposes.Select(r => (IReadOnlyList<string?>)[r.Purpose, $"{WireNames.Of(r.Basis)} ({LawfulBases.Article(r.Basis)})", r.Applies ? "yes" : "no", r.Evidence, r.TextVersion, Time(r.RecordedAt)]));
        if (captured.Consent is { } consent)
        {
            Rows(html, [("Form consent", consent.Given ? "given" : "not given"), ("Consent text version", consent.TextVersion), ("Consent recorded", Time(consent.RecordedAt))]);
        }
        Rows(html, [("Privacy notice given", WireNames.Of(p.Notice.Kind)), ("Notice version", p.Notice.Version), ("Notice", p.Notice.Reference)]);
        html.Append("<h3>Decisions and events</h3>");
        Table(html, ["When", "What", "By", "Detail"], item.Events.Select(e => (IReadOnlyList<string?>)[Time(e.At), WireNames.Of(e.Type), e.Actor, e.Detail]));
        html.Append("<h3>Mails sent about it</h3>");
        if (item.Mails.Count == 0) html.Append("<p class=\"muted\">None.</p>");
        else Table(html, ["Purpose", "To", "State", "Sent"], item.Mails.Select(m => (IReadOnlyList<string?>)[m.Purpose, m.To, m.State, Time(m.SentAt)]));
        if (item.RawPayloads.Count > 0)
        {
            html.Append("<h3>As delivered</h3>");
            foreach (var raw in item.RawPayloads) html.Append(CultureInfo.InvariantCulture, $"<pre>{Enc(raw.Text)}</pre>");
        }
        html.Append("<details><summary>Complete record (JSON)</summary><pre>")
            .Append(Enc(JsonSerializer.Serialize(lead, ExportPersonalData.Json)))
            .Append("</pre></details>");
    }
}
