using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// SendGrid Inbound Parse (multipart/form-data; docs/providers.md, 'SendGrid Inbound Parse'; field list from sendgrid-python
/// <c>helpers/inbound/config.yml</c>). Parsed mode sends <c>from, to, subject, text, html, headers, envelope,
/// charsets, spam_score, attachments, attachment-info</c>; raw mode sends the whole message in <c>email</c>.
/// The caller decodes each text part with the charset SendGrid names in <c>charsets</c> (UTF-8 by default).
/// </summary>
public static class SendGridInboundParser
{
    public const string Provider = "sendgrid";

    /// <param name="fields">The text parts of the post.</param>
    /// <param name="files">The file parts (<c>attachment1..N</c>) as the transport saw them; null to rely on <c>attachment-info</c>.</param>
    /// <param name="rules">Email capture settings.</param>
    public static ParseOutcome<CapturedLead> Parse(
        IReadOnlyList<KeyValuePair<string, string?>> fields, IReadOnlyList<LeadAttachment>? files, EmailCaptureRules rules)
    {
        var errors = new List<FieldError>();
        var form = FormPairs.Read(fields, errors);
        if (form is null) return new ParseOutcome<CapturedLead>.Invalid(errors);
        var spamScore = InboundEmailMapper.ParseScore(form["spam_score"]);

        // Raw mode: "email" holds the full MIME message, and there is no text/html/headers.
        if (form["email"] is { } raw && form["text"] is null && form["html"] is null)
        {
            var read = MimeEmailParser.Read(Encoding.UTF8.GetBytes(raw), Provider, "email");
            if (read.Email is null) return new ParseOutcome<CapturedLead>.Invalid(read.Error!);
            return InboundEmailMapper.ToLead(read.Email with { SpamScore = spamScore ?? read.Email.SpamScore }, rules);
        }

        var headers = EmailHeaderBlock.Parse(form["headers"]);
        var (name, address) = InboundEmailMapper.Mailbox(form["from"]);
        if (form["from"] is not null && address is null) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("from", "The sender is not an email address."));
        var email = new InboundEmail
        {
            Provider = Provider,
            MessageId = InboundEmailMapper.CleanMessageId(Find(headers, "Message-ID")),
            FromName = name,
            FromAddress = address,
            EnvelopeFrom = EnvelopeFrom(form["envelope"]),
            To = form["to"],
            Subject = form["subject"],
            Text = form["text"],
            Html = form["html"],
            Headers = headers,
            Attachments = InboundEmailMapper.Listed(files ?? AttachmentInfo(form["attachment-info"])),
            SpamScore = spamScore,
        };
        return InboundEmailMapper.ToLead(email, rules);
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    // envelope = {"to":["…"],"from":"…"} (a JSON string inside the form).
    private static string? EnvelopeFrom(string? envelope)
    {
        if (string.IsNullOrWhiteSpace(envelope) || envelope.Length > 10_000) return null;
        try
        {
            using var doc = JsonDocument.Parse(envelope, new JsonDocumentOptions { MaxDepth = 4 });
            return JsonValues.Text(doc.RootElement, "from");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // attachment-info = {"attachment1":{"filename":…,"name":…,"type":…,"content-id":…}}: no size.
    private static List<LeadAttachment> AttachmentInfo(string? info)
    {
        var list = new List<LeadAttachment>();
        if (string.IsNullOrWhiteSpace(info) || info.Length > 200_000) return list;
        try
        {
            using var doc = JsonDocument.Parse(info, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return list;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (list.Count >= PayloadLimits.Attachments) break;
                var a = property.Value;
                list.Add(new LeadAttachment(JsonValues.Text(a, "filename") ?? JsonValues.Text(a, "name"), JsonValues.Text(a, "type"), null));
            }
        }
        catch (JsonException)
        {
            // An unreadable listing loses the listing, never the lead.
        }
        return list;
    }
}
