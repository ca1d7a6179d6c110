using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Dispatch.MailMarkup;

namespace LeadIntake.Core.Dispatch;

/// <summary>
/// Tells the team manager that a lead moved on because its rep didn't accept in time, or, when the reassignment limit
/// is reached, that nobody took it and they should step in. Pure.
/// </summary>
public static class ReassignmentNoticeMail
{
    public const string Purpose = "reassignment-notice";

    /// <param name="next">The new assignment; null for an escalation (limit reached, the lead stays put).</param>
    public static OutgoingMail Compose(
        Lead lead, SalesTeam team, RepAssignment previous, RepAssignment? next, string language, string leadUrl)
    {
        var w = MailWording.For(language);
        var c = lead.Contact;
        var company = c.Company ?? c.DisplayName ?? w.UnknownContact;
        var from = previous.RepName ?? previous.RepEmail;
        var minutes = ((int)team.Sla.ReassignAfter.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        string subject, body;
        if (next is null)
        {
            subject = Subject(Format(w.EscalatedSubject, company, from));
            body = Format(w.EscalatedBody, from, lead.ReassignmentCount.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var to = next.RepName ?? next.RepEmail;
            subject = Subject(Format(w.ReassignedSubject, company, from, to));
            body = Format(w.ReassignedBody, from, minutes, to);
        }

        var text = new StringBuilder();
        text.AppendLine(body);
        if (next is not null) text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{w.Why}: {next.Reason}");
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{w.OpenLead}: {leadUrl}");

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(body)}</p>");
        if (next is not null) html.Append(CultureInfo.InvariantCulture, $"<p><b>{Enc(w.Why)}:</b> {Enc(next.Reason)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Enc(leadUrl)}\">{Enc(w.OpenLead)}</a></p></body></html>");

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
}
