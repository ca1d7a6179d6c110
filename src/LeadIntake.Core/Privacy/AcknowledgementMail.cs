using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using static LeadIntake.Core.Mail.MailMarkup;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// The acknowledgement an email lead's sender gets once screening accepted the request (Art. 13 information on the
/// email channel, and a quick "we have it" that helps speed to lead). Pure. French when the request was written in
/// French, else English. It never quotes the message back: a forged sender address gets a short note, not a relay of
/// someone else's text.
/// </summary>
public static class AcknowledgementMail
{
    /// <summary>The outbox purpose: one acknowledgement per lead, whatever the retries.</summary>
    public const string Purpose = "acknowledgement";

    /// <summary>
    /// Whether a screened lead gets the acknowledgement: an email lead from a real address that screening accepted
    /// (a sales lead, a routed request, a new touch), never spam, a lead held for review, an auto-reply or a bounce.
    /// </summary>
    public static bool IsDue(Lead lead) =>
        lead.Channel == Channel.Email
        && !lead.Captured.Signals.AutoReply
        && lead.Contact.Email is { Length: > 3 } email && email.Contains('@', StringComparison.Ordinal)
        && (lead.Status is LeadStatus.Mql or LeadStatus.RoutedService or LeadStatus.RoutedHr or LeadStatus.RoutedOther
            || (lead.Status == LeadStatus.Lost && lead.AttachedTo is not null));

    public static OutgoingMail Compose(Lead lead, AcknowledgementNotice notice)
    {
        var w = lead.Screening?.Language == "fr" ? Wording.French : Wording.English;
        var name = lead.Contact.DisplayName;
        var greeting = name is null ? w.Hello : Format(w.HelloName, name);
        var reference = Format(w.Reference, lead.Id.Value);

        var text = new StringBuilder();
        text.AppendLine(greeting);
        text.AppendLine();
        text.AppendLine(w.Received);
        text.AppendLine();
        text.AppendLine(w.Privacy);
        if (notice.NoticeUrl is { } url) text.AppendLine(CultureInfo.InvariantCulture, $"{w.Notice}: {url}");
        text.AppendLine();
        text.AppendLine(reference);

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{w.Code}\"><head><meta charset=\"utf-8\"><title>{Enc(w.Subject)}</title></head>");
        html.Append("<body style=\"font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#222;max-width:640px\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(greeting)}</p><p>{Enc(w.Received)}</p><p>{Enc(w.Privacy)}");
        if (notice.NoticeUrl is { } link) html.Append(CultureInfo.InvariantCulture, $" <a href=\"{Enc(link)}\">{Enc(w.Notice)}</a>");
        html.Append(CultureInfo.InvariantCulture, $"</p><p style=\"color:#777;font-size:12px\">{Enc(reference)}</p></body></html>");

        return new OutgoingMail
        {
            Purpose = Purpose,
            To = new MailAddress(lead.Contact.Email!, MailHeaderText.Name(name)),
            Subject = Subject(w.Subject),
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
        };
    }

    private sealed record Wording(string Code, string Subject, string Hello, string HelloName, string Received, string Privacy, string Notice, string Reference)
    {
        public static Wording English { get; } = new(
            "en", "We have received your request", "Hello,", "Hello {0},",
            "Thank you for your message: we have received your request and will get back to you shortly.",
            "We use your details only to answer your request and follow it up. How we process your data and how to exercise your rights:",
            "Privacy notice", "Reference: {0}");

        public static Wording French { get; } = new(
            "fr", "Nous avons bien reçu votre demande", "Bonjour,", "Bonjour {0},",
            "Merci pour votre message : nous avons bien reçu votre demande et vous répondrons très prochainement.",
            "Vos coordonnées servent uniquement à traiter votre demande et à son suivi. Comment nous traitons vos données et comment exercer vos droits :",
            "Politique de confidentialité", "Référence : {0}");
    }
}
