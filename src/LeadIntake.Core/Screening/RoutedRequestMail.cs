using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Composes the mail that hands a non-sales request to its team: service requests to the service mailbox, job
/// applications to HR, the rest to marketing. Pure. It carries the original subject and message, the contact and the
/// screening reasons, in the lead's detected language (French, else English), with <c>Reply-To</c> set to the lead so
/// the recipient answers the sender directly. Every lead value is HTML-encoded; the subject is one line.
/// </summary>
public static class RoutedRequestMail
{
    /// <summary>The outbox purpose for a routed intent: <c>routed-service</c>, <c>routed-hr</c>, <c>routed-other</c>.</summary>
    public static string PurposeFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Service => "routed-service",
        LeadIntent.Hr => "routed-hr",
        LeadIntent.Other => "routed-other",
        _ => throw new ArgumentOutOfRangeException(nameof(intent), intent, "Only service, hr and other requests are routed by mail."),
    };

    /// <param name="salesLeadLink">
    /// The signed one-time "this is a sales lead" link (<see cref="Dispatch.RepAction.ReturnToSales"/>) offered to the
    /// mailbox when the request was misrouted; null leaves it out.
    /// </param>
    public static OutgoingMail Compose(Lead lead, LeadIntent intent, MailAddress mailbox, string? salesLeadLink = null)
    {
        var w = lead.Screening?.Language == "fr" ? Wording.French : Wording.English;
        var c = lead.Contact;
        var captured = lead.Captured;
        var who = c.DisplayName ?? c.Email ?? c.Phone ?? w.UnknownContact;
        var kind = intent switch { LeadIntent.Service => w.Service, LeadIntent.Hr => w.Hr, _ => w.Other };
        var topic = captured.Subject ?? FirstWords(captured.Message) ?? w.NoSubject;
        var subject = Subject(Format("[{0}] {1} · {2}", kind, topic, who));

        var contactRows = new List<(string Label, string? Value, string? Href)>
        {
            (w.Name, c.DisplayName, null),
            (w.Email, c.Email, c.Email is null ? null : MailtoHref(c.Email)),
            (w.Phone, c.Phone, c.Phone is null ? null : TelHref(c.Phone)),
            (w.Company, c.Company, null),
            (w.JobTitle, c.JobTitle, null),
            (w.Country, c.Country, null),
        };
        // Short sentences per reason kind in the mail's language; the scores stay in the audit trail.
        var reasons = ScreeningReasonSentences.Of(lead.Screening, RepTexts.For(lead.Screening?.Language));
        var confidence = lead.Screening is { } s
            ? $"{WireNames.Of(s.Intent)}, {Math.Round(s.Confidence * 100).ToString(CultureInfo.InvariantCulture)}% ({w.Rules} {s.RulesVersion})"
            : null;
        var footer = $"{w.Channel}: {WireNames.Of(lead.Channel)}/{lead.Provider} · {w.LeadId}: {lead.Id.Value}";

        var text = new StringBuilder();
        text.AppendLine(Format(w.Intro, kind));
        text.AppendLine(w.ReplyHint);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"— {w.Contact} —");
        foreach (var (label, value, _) in contactRows.Where(r => r.Value is not null)) text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"— {w.Message} —");
        if (captured.Subject is { } original) text.AppendLine(CultureInfo.InvariantCulture, $"{w.Subject}: {original}");
        text.AppendLine(captured.Message ?? w.NoMessage);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"— {w.Screening} —");
        if (confidence is not null) text.AppendLine(confidence);
        foreach (var reason in reasons) text.AppendLine(CultureInfo.InvariantCulture, $"• {reason}");
        text.AppendLine();
        if (salesLeadLink is not null)
        {
            text.AppendLine(w.SalesLeadHint);
            text.AppendLine(CultureInfo.InvariantCulture, $"{w.SalesLeadButton}: {salesLeadLink}");
            text.AppendLine();
        }
        text.AppendLine(footer);

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head>");
        html.Append("<body style=\"font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:640px\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(Format(w.Intro, kind))}</h2><p>{Enc(w.ReplyHint)}</p>");
        AppendLinkedRows(html, w.Contact, contactRows);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(w.Message)}</h3>");
        if (captured.Subject is { } htmlSubject) html.Append(CultureInfo.InvariantCulture, $"<p><b>{Enc(w.Subject)}:</b> {Enc(htmlSubject)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"white-space:pre-wrap\">{Enc(captured.Message ?? w.NoMessage)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(w.Screening)}</h3>");
        if (confidence is not null) html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(confidence)}</p>");
        if (reasons.Count > 0)
        {
            html.Append("<ul>");
            foreach (var reason in reasons) html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(reason)}</li>");
            html.Append("</ul>");
        }
        if (salesLeadLink is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(w.SalesLeadHint)}<br>{Button(salesLeadLink, w.SalesLeadButton, "#1f5fbf")}</p>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#777;font-size:12px\">{Enc(footer)}</p></body></html>");

        return new OutgoingMail
        {
            Purpose = PurposeFor(intent),
            To = mailbox,
            ReplyTo = c.Email is null ? null : new MailAddress(c.Email, MailHeaderText.Name(c.DisplayName)),
            Subject = subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    private static string? FirstWords(string? message)
    {
        var line = Intake.TextSanitizer.SingleLine(message);
        if (string.IsNullOrEmpty(line)) return null;
        return line.Length <= 60 ? line : line[..59] + "…";
    }

    private sealed record Wording(
        string Code, string Service, string Hr, string Other, string Intro, string ReplyHint, string Contact, string Name,
        string Email, string Phone, string Company, string JobTitle, string Country, string Message, string Subject,
        string NoSubject, string NoMessage, string Screening, string Rules, string Channel, string LeadId, string UnknownContact,
        string SalesLeadHint, string SalesLeadButton)
    {
        public static Wording English { get; } = new(
            "en", "Service", "Application", "Other", "A request for {0} arrived through LeadIntake.",
            "Reply to this mail to answer the sender directly.", "Contact", "Name", "Email", "Phone", "Company", "Job title",
            "Country", "Message", "Subject", "(no subject)", "(no message)", "Why it was routed here", "rules", "Channel",
            "Lead", "unknown contact",
            "Not for you? If this is a sales lead (someone who wants to buy), send it to sales: a rep will be assigned.",
            "This is a sales lead");

        public static Wording French { get; } = new(
            "fr", "SAV", "Candidature", "Autre", "Une demande ({0}) est arrivée par LeadIntake.",
            "Répondez à ce mail pour répondre directement à l'expéditeur.", "Contact", "Nom", "E-mail", "Téléphone",
            "Société", "Fonction", "Pays", "Message", "Objet", "(sans objet)", "(pas de message)",
            "Pourquoi cette demande vous est adressée", "règles", "Canal", "Lead", "contact inconnu",
            "Ce n'est pas pour vous ? S'il s'agit d'une demande commerciale (quelqu'un qui veut acheter), transmettez-la aux commerciaux : un commercial sera désigné.",
            "C'est une demande commerciale");
    }
}
