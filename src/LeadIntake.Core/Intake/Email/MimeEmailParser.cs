using LeadIntake.Core.Leads;
using MimeKit;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// A raw RFC 5322 message (<c>message/rfc822</c>, SendGrid raw mode's <c>email</c> field, Mailgun's
/// <c>body-mime</c>) parsed in memory with MimeKit.
/// </summary>
public static class MimeEmailParser
{
    public const string Provider = "mime";

    public static ParseOutcome<CapturedLead> Parse(ReadOnlyMemory<byte> mime, EmailCaptureRules rules) => Parse(mime, Provider, rules, null);

    /// <summary>The lead of a raw message; <paramref name="spamScore"/> is the delivering provider's, when it gives one.</summary>
    public static ParseOutcome<CapturedLead> Parse(ReadOnlyMemory<byte> mime, string provider, EmailCaptureRules rules, double? spamScore)
    {
        var read = Read(mime, provider, "email");
        return read switch
        {
            { Email: { } email } => InboundEmailMapper.ToLead(spamScore is null ? email : email with { SpamScore = spamScore }, rules),
            _ => new ParseOutcome<CapturedLead>.Invalid(read.Error!),
        };
    }

    internal static (InboundEmail? Email, FieldError? Error) Read(ReadOnlyMemory<byte> mime, string provider, string field)
    {
        if (mime.Length == 0) return (null, new FieldError(field, "The message is empty."));
        if (mime.Length > PayloadLimits.MimeBytes) return (null, new FieldError(field, $"The message is larger than {PayloadLimits.MimeBytes} bytes."));
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(mime.ToArray(), writable: false);
            message = MimeMessage.Load(ParserOptions.Default, stream);
        }
        catch (FormatException)
        {
            return (null, new FieldError(field, "The message is not a readable RFC 5322 message."));
        }
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (from is null && message.Headers.Count == 0) return (null, new FieldError(field, "The message is not a readable RFC 5322 message."));

        var headers = message.Headers.Take(PayloadLimits.EmailHeaders)
            .Select(h => new KeyValuePair<string, string>(h.Field, h.Value ?? string.Empty)).ToList();
        // MimeKit moves Content-* headers to the body entity; the root type is what tells a bounce (multipart/report).
        if (message.Body is { } body) headers.Add(new("Content-Type", body.ContentType.ToString()));
        var attachments = message.Attachments.Take(PayloadLimits.Attachments).Select(Describe);
        return (new InboundEmail
        {
            Provider = provider,
            MessageId = InboundEmailMapper.CleanMessageId(message.MessageId),
            FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name,
            FromAddress = from?.Address,
            EnvelopeFrom = message.Headers[HeaderId.ReturnPath],
            To = message.To.ToString(),
            Subject = message.Subject,
            Text = message.TextBody,
            Html = message.HtmlBody,
            Headers = headers,
            Attachments = InboundEmailMapper.Listed(attachments),
            SpamScore = InboundEmailMapper.ParseScore(message.Headers["X-Spam-Score"]),
        }, null);
    }

    private static LeadAttachment Describe(MimeEntity entity) => entity switch
    {
        MimePart part => new LeadAttachment(part.FileName, part.ContentType.MimeType, DecodedSize(part)),
        MessagePart message => new LeadAttachment(message.ContentDisposition?.FileName, message.ContentType.MimeType, null),
        _ => new LeadAttachment(null, entity.ContentType.MimeType, null),
    };

    // The content is already in memory; base64 decodes to 3/4 of its size (line breaks aside), which is close enough
    // for a listing and avoids decoding every attachment.
    private static long? DecodedSize(MimePart part)
    {
        if (part.Content?.Stream is not { CanSeek: true } stream) return null;
        return part.ContentTransferEncoding == ContentEncoding.Base64 ? stream.Length * 3 / 4 : stream.Length;
    }
}
