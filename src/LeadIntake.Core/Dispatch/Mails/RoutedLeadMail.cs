using System.Globalization;
using System.Text;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>
/// Composes the mail a rep gets for a new lead, in the rep's language. Pure. The subject is for a phone's lock screen
/// (priority, company or name, channel; one line); the body puts the signed action links first, then the contact with
/// click-to-call, the message, the source and what stands out, in short sentences. Every lead value is HTML-encoded.
/// </summary>
public static class RoutedLeadMail
{
    /// <summary>The mail kind. The mail's own purpose adds the assignment time, so a reassigned or recycled lead's new rep is mailed too.</summary>
    public const string Purpose = "rep-notification";

    /// <summary>One mail per lead and assignment: <c>rep-notification/{assignedAt unix ms}</c>, stable across retries.</summary>
    public static string PurposeFor(RepAssignment assignment) =>
        $"{Purpose}/{assignment.AssignedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

    /// <param name="language">The rep's mail language (<see cref="SalesRep.MailLanguage"/>): <c>fr</c> or English.</param>
    /// <param name="timeZone">The team's zone, for the SLA deadline.</param>
    /// <param name="acceptWithin">The team's SLA, shown next to the deadline.</param>
    public static OutgoingMail Compose(
        Lead lead, RepAssignment assignment, RepActionLinks links, string language, TimeZoneInfo timeZone, TimeSpan acceptWithin)
    {
        var w = MailWording.For(language);
        var c = lead.Contact;
        var priority = LeadPriority.Of(lead);
        var priorityLabel = w.PriorityLabels[priority.Level];
        var who = c.DisplayName ?? c.Email ?? c.Phone ?? w.UnknownContact;
        var channel = w.ChannelLabels[lead.Channel];
        // Lock-screen length: "P1 · Fonderie des Vosges · formulaire". The signals become sentences in the body.
        var subject = Subject(Format(w.NewLeadSubject, priority.Level, c.Company ?? who, channel));
        var headline = Format(w.NewLeadHeadline, priorityLabel);
        var minutes = ((int)acceptWithin.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        var deadline = lead.SlaDueAt is { } due ? Format(w.AcceptBy, Time(due, timeZone, w), minutes) : null;

        var contactRows = new List<(string Label, string? Value, string? Href)>
        {
            (w.Name, c.DisplayName, null),
            (w.Phone, c.Phone is null ? null : ReadablePhone(c.Phone, w), c.Phone is null ? null : TelHref(c.Phone)),
            (w.Email, c.Email, c.Email is null ? null : MailtoHref(c.Email)),
            (w.Company, c.Company, null),
            (w.JobTitle, c.JobTitle, null),
            (w.Country, c.Country, null),
        };
        var s = lead.Captured.Source;
        var sourceRows = new List<(string Label, string? Value)>
        {
            (w.Channel, $"{channel} / {lead.Provider}"),
            ("UTM", Utm(s)),
            (w.Page, s.PageUrl),
            (w.Referrer, s.Referrer),
        };
        // What a person needs from screening, as short sentences in the reader's language; scores, rule points and the
        // rotation pointer stay in the audit trail (the lead's screening decision and assignment reason).
        var screeningRows = priority.Signals.Select(signal => ("•", (string?)w.SignalSentences[signal])).ToList();
        var footerRows = new List<(string Label, string? Value)>
        {
            (w.Captured, Time(lead.CapturedAt, timeZone, w)),
            (w.LeadId, lead.Id.Value),
        };

        var text = new StringBuilder();
        text.AppendLine(headline);
        if (deadline is not null) text.AppendLine(deadline);
        text.AppendLine();
        foreach (var (label, href) in Actions(w, links)) text.Append(label).Append(": ").AppendLine(href);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"— {w.Contact} —");
        foreach (var (label, value, _) in contactRows.Where(r => r.Value is not null)) text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"— {w.Message} —");
        if (lead.Captured.Subject is { } topic) text.AppendLine(CultureInfo.InvariantCulture, $"{w.Subject}: {topic}");
        text.AppendLine(lead.Captured.Message ?? w.NoMessage);
        AppendText(text, w.Source, sourceRows);
        AppendText(text, w.Screening, screeningRows.Select(r => (r.Item1, (string?)$"• {r.Item2}")).ToList(), labels: false);
        AppendText(text, "", footerRows);

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head>");
        html.Append("<body style=\"font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:640px\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"margin-bottom:4px\">{Enc(headline)}</h2>");
        if (deadline is not null) html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#b00020;font-weight:bold\">{Enc(deadline)}</p>");
        html.Append("<p>");
        html.Append(Button(links.Accept, w.Accept, "#1b7f3b"));
        html.Append(Button(links.Qualify, w.Qualify, "#1f5fbf"));
        html.Append(Button(links.Disqualify, w.Disqualify, "#8a8a8a"));
        html.Append(Button(links.Nurture, w.Nurture, "#8a6d1f"));
        html.Append("</p>");
        AppendLinkedRows(html, w.Contact, contactRows);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(w.Message)}</h3>");
        if (lead.Captured.Subject is { } htmlTopic) html.Append(CultureInfo.InvariantCulture, $"<p><b>{Enc(w.Subject)}:</b> {Enc(htmlTopic)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"white-space:pre-wrap\">{Enc(lead.Captured.Message ?? w.NoMessage)}</p>");
        AppendHtml(html, w.Source, sourceRows);
        AppendHtml(html, w.Screening, screeningRows);
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Enc(links.Lead)}\">{Enc(w.OpenLead)}</a></p>");
        html.Append("<p style=\"color:#777;font-size:12px\">");
        html.Append(string.Join(" · ", footerRows.Select(r => $"{Enc(r.Label)}: {Enc(r.Value)}")));
        html.Append("</p></body></html>");

        return new OutgoingMail
        {
            Purpose = PurposeFor(assignment),
            To = new MailAddress(assignment.RepEmail, Single(assignment.RepName)),
            ReplyTo = c.Email is null ? null : new MailAddress(c.Email, Single(c.DisplayName)),
            Subject = subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    internal static IEnumerable<(string Label, string Href)> Actions(MailWording w, RepActionLinks links) =>
    [
        (w.Accept, links.Accept), (w.Qualify, links.Qualify), (w.Disqualify, links.Disqualify), (w.Nurture, links.Nurture), (w.OpenLead, links.Lead),
    ];

    private static string? Single(string? value) => MailHeaderText.Name(value);

    private static string? Utm(SourceAttribution s)
    {
        var parts = new[] { ("source", s.UtmSource), ("medium", s.UtmMedium), ("campaign", s.UtmCampaign), ("term", s.UtmTerm), ("content", s.UtmContent) }
            .Where(p => p.Item2 is not null)
            .Select(p => $"{p.Item1}={p.Item2}")
            .ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static void AppendText(StringBuilder text, string title, List<(string Label, string? Value)> rows, bool labels = true)
    {
        var present = rows.Where(r => r.Value is not null).ToList();
        if (present.Count == 0) return;
        text.AppendLine();
        if (title.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"— {title} —");
        foreach (var (label, value) in present) text.AppendLine(labels ? $"{label}: {value}" : value);
    }

    private static void AppendHtml(StringBuilder html, string title, List<(string Label, string? Value)> rows)
    {
        var present = rows.Where(r => r.Value is not null).ToList();
        if (present.Count == 0) return;
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(title)}</h3><table cellpadding=\"4\">");
        foreach (var (label, value) in present) html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(label)}</th><td>{Enc(value)}</td></tr>");
        html.Append("</table>");
    }
}
