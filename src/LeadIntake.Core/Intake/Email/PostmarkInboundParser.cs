using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// Postmark's inbound webhook (JSON, one message per request; field contract from the official Node SDK type
/// <c>InboundWebhook.d.ts</c>, docs/providers.md, 'Postmark inbound'). SpamAssassin results arrive as headers (<c>X-Spam-Score</c>).
/// Check <see cref="Signatures.PostmarkBasicAuth"/> first: Postmark signs nothing.
/// </summary>
public static class PostmarkInboundParser
{
    public const string Provider = "postmark";

    public static ParseOutcome<CapturedLead> Parse(JsonElement root, EmailCaptureRules rules)
    {
        if (root.ValueKind != JsonValueKind.Object) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("body", "Must be a JSON object."));
        var fromFull = JsonValues.Object(root, "FromFull");
        var headers = new List<KeyValuePair<string, string>>();
        if (JsonValues.Array(root, "Headers") is { } list)
        {
            foreach (var h in list.EnumerateArray())
            {
                if (headers.Count >= PayloadLimits.EmailHeaders) break;
                if (JsonValues.Text(h, "Name") is { } name && JsonValues.Text(h, "Value") is { } value) headers.Add(new(name, value));
            }
        }
        var attachments = new List<LeadAttachment>();
        if (JsonValues.Array(root, "Attachments") is { } files)
        {
            foreach (var a in files.EnumerateArray())
            {
                if (attachments.Count >= PayloadLimits.Attachments) break;
                attachments.Add(new LeadAttachment(JsonValues.Text(a, "Name"), JsonValues.Text(a, "ContentType"), JsonValues.Integer(a, "ContentLength")));
            }
        }
        var email = new InboundEmail
        {
            Provider = Provider,
            MessageId = InboundEmailMapper.CleanMessageId(JsonValues.Text(root, "MessageID")),
            FromName = (fromFull is { } f ? JsonValues.Text(f, "Name") : null) ?? JsonValues.Text(root, "FromName"),
            FromAddress = (fromFull is { } g ? JsonValues.Text(g, "Email") : null) ?? JsonValues.Text(root, "From"),
            To = JsonValues.Text(root, "OriginalRecipient") ?? JsonValues.Text(root, "To"),
            Subject = JsonValues.Text(root, "Subject"),
            Text = JsonValues.Text(root, "TextBody"),
            Html = JsonValues.Text(root, "HtmlBody"),
            StrippedReply = JsonValues.Text(root, "StrippedTextReply"),
            Headers = headers,
            Attachments = InboundEmailMapper.Listed(attachments),
            SpamScore = InboundEmailMapper.ParseScore(headers.FirstOrDefault(h => h.Key.Equals("X-Spam-Score", StringComparison.OrdinalIgnoreCase)).Value),
        };
        return InboundEmailMapper.ToLead(email, rules);
    }
}
