using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Turns a composed <see cref="OutgoingMail"/> into MIME. Every header text goes through <see cref="MailHeaderText"/>
/// (the composed mail already did; the configured sender name did not), and MimeKit then encodes it: a CR/LF or an
/// encoded-word typed into a name can't add a header. The Message-Id is derived from lead and purpose
/// (<see cref="MailClaim.MessageIdOf"/>): a resend is recognisably the same mail.
/// </summary>
internal sealed class MimeMessageFactory(IOptions<MailOptions> options)
{
    public MimeMessage Create(LeadId leadId, OutgoingMail mail)
    {
        var message = Create(leadId.Value, mail);
        message.Headers.Add("X-LeadIntake-Lead", leadId.Value);
        return message;
    }

    /// <summary>A mail about no single lead: the Message-Id is derived from its topic and purpose.</summary>
    public MimeMessage Create(string topic, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(MailHeaderText.Name(options.Value.FromName), options.Value.From));
        message.To.Add(new MailboxAddress(MailHeaderText.Name(mail.To.Name), mail.To.Address));
        if (mail.ReplyTo is { } replyTo && MailboxAddress.TryParse(replyTo.Address, out var replyAddress))
        {
            replyAddress.Name = MailHeaderText.Name(replyTo.Name);
            message.ReplyTo.Add(replyAddress);
        }
        message.Subject = MailHeaderText.SingleLine(mail.Subject);
        message.MessageId = MailClaim.MessageIdOf(topic, mail.Purpose);
        // Our own mails are automatic: tell auto-responders not to answer them (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
