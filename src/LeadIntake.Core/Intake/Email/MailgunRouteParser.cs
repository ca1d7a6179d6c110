using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// A Mailgun route <c>forward()</c> post (urlencoded, or multipart with attachments; docs/providers.md, 'Mailgun routes';
/// https://documentation.mailgun.com/docs/mailgun/user-manual/receive-forward-store/receive-http). Check the
/// signature first with <see cref="Signatures.MailgunSignature"/> on <c>timestamp</c>, <c>token</c>, <c>signature</c>.
/// </summary>
public static class MailgunRouteParser
{
    public const string Provider = "mailgun";

    /// <param name="fields">The text fields of the post.</param>
    /// <param name="files">The file parts (<c>attachment-1..N</c>) as the transport saw them; null when none were read.</param>
    /// <param name="rules">Email capture settings.</param>
    public static ParseOutcome<CapturedLead> Parse(
        IReadOnlyList<KeyValuePair<string, string?>> fields, IReadOnlyList<LeadAttachment>? files, EmailCaptureRules rules)
    {
        var errors = new List<FieldError>();
        var form = FormPairs.Read(fields, errors);
        if (form is null) return new ParseOutcome<CapturedLead>.Invalid(errors);

        // A route whose URL ends in "mime" posts the raw message in body-mime. (Field name unconfirmed: docs/providers.md, 'Mailgun routes'.)
        if (form["body-mime"] is { } raw)
        {
            var read = MimeEmailParser.Read(Encoding.UTF8.GetBytes(raw), Provider, "body-mime");
            if (read.Email is null) return new ParseOutcome<CapturedLead>.Invalid(read.Error!);
            return InboundEmailMapper.ToLead(read.Email with { DeliveryId = form["token"] }, rules);
        }

        var headers = MessageHeaders(form["message-headers"]);
        string? Header(string name) => form[name] ?? headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var (name, address) = InboundEmailMapper.Mailbox(form["from"]);
        var listed = files ?? [];
        var email = new InboundEmail
        {
            Provider = Provider,
            MessageId = InboundEmailMapper.CleanMessageId(Header("Message-Id")),
            // Deliveries are deduplicated on the Message-Id, else on the token (docs/providers.md, 'Rules for every provider').
            DeliveryId = form["token"],
            FromName = name,
            FromAddress = address ?? form["sender"],
            EnvelopeFrom = form["sender"],
            To = form["recipient"] ?? form["To"],
            Subject = form["subject"],
            Text = form["body-plain"],
            Html = form["body-html"],
            StrippedReply = form["stripped-text"],
            StrippedSignature = form["stripped-signature"],
            Headers = headers,
            Attachments = InboundEmailMapper.Listed(listed),
            // Mailgun's spam filter writes X-Mailgun-Sscore when enabled. [UNVERIFIED: header name from Mailgun's spam-filter doc, not re-read]
            SpamScore = InboundEmailMapper.ParseScore(Header("X-Mailgun-Sscore")) ?? InboundEmailMapper.ParseScore(Header("X-Spam-Score")),
        };
        return InboundEmailMapper.ToLead(email, rules);
    }

    // message-headers = [["Received","…"],["Subject","…"],…] (a JSON string inside the form, in order).
    private static List<KeyValuePair<string, string>> MessageHeaders(string? json)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(json) || json.Length > 1_000_000) return headers;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return headers;
            foreach (var pair in doc.RootElement.EnumerateArray())
            {
                if (headers.Count >= PayloadLimits.EmailHeaders) break;
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2) continue;
                if (JsonValues.AsText(pair[0]) is { } key && JsonValues.AsText(pair[1]) is { } value) headers.Add(new(key, value));
            }
        }
        catch (JsonException)
        {
            // Unreadable headers lose the header-based checks, never the lead.
        }
        return headers;
    }
}
