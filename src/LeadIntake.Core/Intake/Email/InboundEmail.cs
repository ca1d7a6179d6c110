using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// One inbound email as any provider delivered it (SendGrid, Mailgun, Postmark, raw MIME), before it becomes a lead:
/// every email parser produces this, and <see cref="InboundEmailMapper"/> turns it into a <see cref="CapturedLead"/>.
/// Values are as sent; the mapper sanitises and limits them.
/// </summary>
public sealed record InboundEmail
{
    /// <summary><c>sendgrid</c>, <c>mailgun</c>, <c>postmark</c>, <c>mime</c>…</summary>
    public required string Provider { get; init; }
    /// <summary>The Message-Id header without its angle brackets.</summary>
    public string? MessageId { get; init; }
    /// <summary>The provider's own delivery id when the mail has no Message-Id (Mailgun <c>token</c>).</summary>
    public string? DeliveryId { get; init; }
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
    /// <summary>The SMTP envelope sender (bounces come from an empty or mailer-daemon envelope).</summary>
    public string? EnvelopeFrom { get; init; }
    public string? To { get; init; }
    public string? Subject { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }
    /// <summary>The reply without quoted history, when the provider already separated it (Mailgun, Postmark).</summary>
    public string? StrippedReply { get; init; }
    /// <summary>The signature block, when the provider already separated it (Mailgun <c>stripped-signature</c>).</summary>
    public string? StrippedSignature { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public IReadOnlyList<LeadAttachment> Attachments { get; init; } = [];
    /// <summary>The provider's spam score (SendGrid <c>spam_score</c>, SpamAssassin <c>X-Spam-Score</c>).</summary>
    public double? SpamScore { get; init; }

    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        }
        return null;
    }
}
