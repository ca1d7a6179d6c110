using System.Globalization;
using System.Text;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>The SLA's first deadline: a short nudge to the rep with the Accept link on top. Pure.</summary>
public static class SlaReminderMail
{
    public const string Purpose = "sla-reminder";

    /// <param name="reassignAt">When the lead moves on if still not accepted (assignment time + the team's reassign delay).</param>
    public static OutgoingMail Compose(Lead lead, RepAssignment assignment, RepActionLinks links, string language, TimeZoneInfo timeZone, DateTimeOffset reassignAt)
    {
        var w = MailWording.For(language);
        var c = lead.Contact;
        var who = c.DisplayName ?? c.Email ?? c.Phone ?? w.UnknownContact;
        var subject = Subject(Format(w.ReminderSubject, c.Company ?? "—", who));
        var body = Format(w.ReminderBody, Time(reassignAt, timeZone, w));

        var text = new StringBuilder();
        text.AppendLine(body).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{w.Name}: {who}");
        if (c.Phone is not null) text.AppendLine(CultureInfo.InvariantCulture, $"{w.Phone}: {ReadablePhone(c.Phone, w)}");
        if (c.Company is not null) text.AppendLine(CultureInfo.InvariantCulture, $"{w.Company}: {c.Company}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{w.Accept}: {links.Accept}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{w.OpenLead}: {links.Lead}");

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold\">{Enc(body)}</p><p>");
        html.Append(Button(links.Accept, w.Accept, "#1b7f3b")).Append("</p><table cellpadding=\"4\">");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(w.Name)}</th><td>{Enc(who)}</td></tr>");
        if (c.Phone is not null) html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(w.Phone)}</th><td><a href=\"{Enc(TelHref(c.Phone))}\">{Enc(ReadablePhone(c.Phone, w))}</a></td></tr>");
        if (c.Company is not null) html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(w.Company)}</th><td>{Enc(c.Company)}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"</table><p><a href=\"{Enc(links.Lead)}\">{Enc(w.OpenLead)}</a></p></body></html>");

        return new OutgoingMail
        {
            Purpose = $"{Purpose}/{assignment.AssignedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}",
            To = new MailAddress(assignment.RepEmail, MailHeaderText.Name(assignment.RepName)),
            Subject = subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }
}
