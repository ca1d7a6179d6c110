using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Core.Dispatch;

/// <summary>
/// Composes the mail a rep gets for a new lead. Pure. Every user-provided value is HTML-encoded in the HTML part;
/// the subject is built from single-line values only (no header injection: the mail layer encodes it too).
/// </summary>
public static class RoutedLeadMail
{
    public const string Purpose = "rep-notification";

    public static OutgoingMail Compose(Lead lead, RepAssignment assignment, string leadUrl)
    {
        var c = lead.Contact;
        var who = c.DisplayName ?? c.Email ?? c.Phone ?? "unknown contact";
        var company = c.Company is null ? "" : $" — {c.Company}";
        var channel = WireNames.Of(lead.Channel);
        var priority = c.Phone is not null ? "[CALL] " : "";
        var subject = Single($"{priority}New lead: {who}{company} ({channel})");

        var rows = new List<(string Label, string? Value)>
        {
            ("Name", c.DisplayName),
            ("Email", c.Email),
            ("Phone", c.Phone),
            ("Company", c.Company),
            ("Job title", c.JobTitle),
            ("Country", c.Country),
            ("Channel", $"{channel} / {lead.Provider}"),
            ("Subject", lead.Captured.Subject),
            ("Page", lead.Captured.Source.PageUrl),
            ("Campaign", lead.Captured.Source.UtmCampaign),
            ("Captured", lead.CapturedAt.ToString("u", CultureInfo.InvariantCulture)),
            ("Lead id", lead.Id.Value),
        };

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"A new lead was assigned to you ({assignment.Reason}).");
        text.AppendLine();
        foreach (var (label, value) in rows.Where(r => r.Value is not null)) text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        text.AppendLine();
        text.AppendLine("Message:");
        text.AppendLine(lead.Captured.Message ?? "(no message)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Lead: {leadUrl}");

        var html = new StringBuilder();
        html.Append("<!doctype html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>A new lead was assigned to you ({Enc(assignment.Reason)}).</p><table>");
        foreach (var (label, value) in rows.Where(r => r.Value is not null))
        {
            var cell = label switch
            {
                "Email" => $"<a href=\"mailto:{Enc(value)}\">{Enc(value)}</a>",
                "Phone" => $"<a href=\"tel:{Enc(value)}\">{Enc(value)}</a>",
                _ => Enc(value),
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(label)}</th><td>{cell}</td></tr>");
        }
        html.Append("</table><h3>Message</h3><p style=\"white-space:pre-wrap\">");
        html.Append(Enc(lead.Captured.Message ?? "(no message)"));
        html.Append(CultureInfo.InvariantCulture, $"</p><p><a href=\"{Enc(leadUrl)}\">Open the lead</a></p></body></html>");

        return new OutgoingMail
        {
            Purpose = Purpose,
            To = new MailAddress(assignment.RepEmail, assignment.RepName),
            ReplyTo = c.Email is null ? null : new MailAddress(c.Email, c.DisplayName),
            Subject = subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    private static string Enc(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string Single(string value) => Intake.TextSanitizer.SingleLine(value) ?? string.Empty;
}
