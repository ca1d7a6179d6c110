using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The daily mail to the marketing mailbox listing every lead held for review: when and how it arrived, the contact, a
/// short excerpt, why screening was unsure, and a "Release (genuine)" and a "Confirm spam" link for each. It goes to an
/// internal mailbox, so contact details are shown; every lead value is HTML-encoded. Pure: the handler signs the links.
/// </summary>
public static class ReviewDigestMail
{
    public const int ExcerptLength = 300;

    /// <summary>The outbox purpose: one digest per UTC day.</summary>
    public static string PurposeFor(DateOnly day) => $"review-digest-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static OutgoingMail Compose(DateOnly day, IReadOnlyList<ReviewDigestEntry> entries, MailAddress mailbox)
    {
        if (entries.Count == 0) throw new ArgumentException("A digest lists at least one lead; send nothing when none waits.", nameof(entries));
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var count = entries.Count.ToString(CultureInfo.InvariantCulture);
        var subject = entries.Count == 1 ? $"1 lead to review · {date}" : $"{count} leads to review · {date}";
        const string intro = "Screening was unsure whether these leads are spam or genuine requests. They wait here: nobody was mailed. " +
            "Release a genuine one (it is screened again and goes where its intent says) or confirm spam. Each link works once.";

        var text = new StringBuilder();
        text.AppendLine(subject).AppendLine().AppendLine(intro).AppendLine();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head>");
        html.Append("<body style=\"font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:680px\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(subject)}</h2><p>{Enc(intro)}</p>");

        foreach (var entry in entries)
        {
            var lead = entry.Lead;
            var c = lead.Contact;
            var heading = Line(c.DisplayName ?? c.Email ?? c.Phone ?? "unknown contact");
            var captured = lead.CapturedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            var origin = $"{WireNames.Of(lead.Channel)}/{lead.Provider} · captured {captured} · lead {lead.Id.Value}";
            var excerpt = Excerpt(lead.Captured.Message);
            var score = lead.Screening is { } s
                ? $"spam score {s.SpamScore.ToString("0.00", CultureInfo.InvariantCulture)}, intent {WireNames.Of(s.Intent)} {Math.Round(s.Confidence * 100).ToString(CultureInfo.InvariantCulture)}% (rules {s.RulesVersion})"
                : null;
            // Short sentences per reason kind; the scores stay in the audit trail.
            var reasons = ScreeningReasonSentences.Of(lead.Screening, RepTexts.English);
            var contactRows = new List<(string Label, string? Value, string? Href)>
            {
                ("Name", c.DisplayName, null),
                ("Email", c.Email, c.Email is null ? null : MailtoHref(c.Email)),
                ("Phone", c.Phone, c.Phone is null ? null : TelHref(c.Phone)),
                ("Company", c.Company, null),
            };

            text.AppendLine(CultureInfo.InvariantCulture, $"— {heading} —");
            text.AppendLine(origin);
            foreach (var (label, value, _) in contactRows.Where(r => r.Value is not null)) text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {Line(value)}");
            if (lead.Captured.Subject is { } sub) text.AppendLine(CultureInfo.InvariantCulture, $"Subject: {Line(sub)}");
            if (excerpt is not null) text.AppendLine(CultureInfo.InvariantCulture, $"Message: {excerpt}");
            if (score is not null) text.AppendLine(score);
            foreach (var reason in reasons) text.AppendLine(CultureInfo.InvariantCulture, $"• {reason}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Release (genuine): {entry.ReleaseLink}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Confirm spam: {entry.ConfirmSpamLink}");
            text.AppendLine();

            html.Append("<div style=\"border-top:1px solid #ddd;padding:8px 0\">");
            html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"margin:4px 0\">{Enc(heading)}</h3><p style=\"color:#777;font-size:12px;margin:0\">{Enc(origin)}</p>");
            html.Append("<table cellpadding=\"3\">");
            foreach (var (label, value, href) in contactRows.Where(r => r.Value is not null))
            {
                var cell = href is null ? Enc(value) : $"<a href=\"{Enc(href)}\">{Enc(value)}</a>";
                html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(label)}</th><td>{cell}</td></tr>");
            }
            html.Append("</table>");
            if (lead.Captured.Subject is { } htmlSubject) html.Append(CultureInfo.InvariantCulture, $"<p><b>Subject:</b> {Enc(Line(htmlSubject))}</p>");
            if (excerpt is not null) html.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"margin:6px 0;padding-left:8px;border-left:3px solid #ccc\">{Enc(excerpt)}</blockquote>");
            if (score is not null) html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:13px\">{Enc(score)}</p>");
            if (reasons.Count > 0)
            {
                html.Append("<ul style=\"font-size:13px\">");
                foreach (var reason in reasons) html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(reason)}</li>");
                html.Append("</ul>");
            }
            html.Append("<p>").Append(Button(entry.ReleaseLink, "Release (genuine)", "#1e7e34")).Append(Button(entry.ConfirmSpamLink, "Confirm spam", "#b00020")).Append("</p></div>");
        }
        html.Append("<p style=\"color:#777;font-size:12px\">Leads stay in review until someone decides; they are listed again tomorrow.</p></body></html>");

        return new OutgoingMail
        {
            Purpose = PurposeFor(day),
            To = mailbox,
            Subject = Subject(subject),
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    private static string Line(string? value) => Intake.TextSanitizer.SingleLine(value) ?? string.Empty;

    private static string? Excerpt(string? message)
    {
        var line = Intake.TextSanitizer.SingleLine(message);
        if (string.IsNullOrEmpty(line)) return null;
        return line.Length <= ExcerptLength ? line : line[..(ExcerptLength - 1)] + "…";
    }
}
