using System.Globalization;
using System.Text;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>
/// Tells the team manager that a lead moved on because its rep didn't accept in time, or, when the reassignment limit
/// is reached, that nobody took it and they should step in. Enough to act from the phone: who the contact is (with
/// click-to-call), what they asked, who missed it and how long it waited, and the lead page. Pure.
/// </summary>
public static class ReassignmentNoticeMail
{
    public const string Purpose = "reassignment-notice";
    private const int MessageExcerpt = 280;

    /// <param name="next">The new assignment; null for an escalation (limit reached, the lead stays put).</param>
    /// <param name="leadUrl">The manager's signed lead page (read-only).</param>
    /// <param name="waited">How long the lead waited for the rep who missed it (from the start of its SLA).</param>
    /// <param name="actions">The manager's signed links to reassign or take the lead; null: none offered.</param>
    public static OutgoingMail Compose(
        Lead lead, SalesTeam team, RepAssignment previous, RepAssignment? next, string language, string leadUrl, TimeSpan waited,
        ManagerActionLinks? actions = null)
    {
        var t = RepTexts.For(language);
        var w = MailWording.For(language);
        var c = lead.Contact;
        var company = c.Company ?? c.DisplayName ?? w.UnknownContact;
        var from = previous.RepName ?? previous.RepEmail;
        var duration = Duration(waited, RepTexts.For(language));
        string subject, body;
        if (next is null)
        {
            subject = Subject(Format(w.EscalatedSubject, company, from));
            body = Format(w.EscalatedBody, from, lead.ReassignmentCount.ToString(CultureInfo.InvariantCulture), duration);
        }
        else
        {
            var to = next.RepName ?? next.RepEmail;
            subject = Subject(Format(w.ReassignedSubject, company, from, to));
            body = Format(w.ReassignedBody, from, duration, to);
        }
        var summary = string.Join(" · ", new[] { c.Company, c.DisplayName, w.ChannelLabels[lead.Channel], w.PriorityLabels[LeadPriority.Of(lead).Level] }
            .Where(v => !string.IsNullOrWhiteSpace(v)));
        var message = lead.Captured.Message is { Length: > MessageExcerpt } long_ ? long_[..MessageExcerpt] + "…" : lead.Captured.Message;
        var contactRows = new List<(string Label, string? Value, string? Href)>
        {
            (w.Name, c.DisplayName, null),
            (w.Phone, c.Phone is null ? null : ReadablePhone(c.Phone, w), c.Phone is null ? null : TelHref(c.Phone)),
            (w.Email, c.Email, c.Email is null ? null : MailtoHref(c.Email)),
            (w.Company, c.Company, null),
        };

        var text = new StringBuilder();
        text.AppendLine(body).AppendLine().AppendLine(summary);
        foreach (var (label, value, _) in contactRows.Where(r => r.Value is not null)) text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        if (message is not null) text.AppendLine().AppendLine(message);
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{w.OpenLead}: {leadUrl}");
        if (actions is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{t["Manager_Reassign"]}: {actions.Reassign}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{t["Manager_Take"]}: {actions.Take}");
        }

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold\">{Enc(body)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(summary)}</p><p>{Button(leadUrl, w.OpenLead, "#1f5fbf")}</p>");
        if (actions is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Button(actions.Reassign, t["Manager_Reassign"], "#1f5fbf")} {Button(actions.Take, t["Manager_Take"], "#2e7d32")}</p>");
        }
        AppendLinkedRows(html, w.Contact, contactRows);
        if (message is not null) html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(w.Message)}</h3><p style=\"white-space:pre-wrap\">{Enc(message)}</p>");
        html.Append("</body></html>");

        var stamp = (next ?? previous).AssignedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return new OutgoingMail
        {
            Purpose = next is null ? $"{Purpose}/escalated/{stamp}" : $"{Purpose}/{stamp}",
            To = new MailAddress(team.ManagerEmail),
            Subject = subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    /// <summary>"47 min", "3 h 05", then days: "2 d 4 h" in English, "2 j 4 h" in French (the unit word comes from the texts).</summary>
    internal static string Duration(TimeSpan waited, RepTexts t)
    {
        if (waited < TimeSpan.Zero) waited = TimeSpan.Zero;
        if (waited < TimeSpan.FromHours(1)) return t.Format("Duration_Minutes", (int)waited.TotalMinutes);
        if (waited < TimeSpan.FromDays(1)) return t.Format("Duration_Hours", (int)waited.TotalHours, waited.Minutes.ToString("00", CultureInfo.InvariantCulture));
        return t.Format("Duration_Days", (int)waited.TotalDays, waited.Hours);
    }
}
