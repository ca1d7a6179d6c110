namespace LeadIntake.Core.Intake;

/// <summary>
/// Bounds on the shape of provider payloads (counts, not characters: see <see cref="FieldLimits"/> for lengths).
/// Parsers read known paths only and never recurse, so nesting depth is bounded by the caller's JSON
/// <c>MaxDepth</c>; these stop a hostile payload from making them walk huge arrays.
/// </summary>
public static class PayloadLimits
{
    /// <summary>Form pairs in one webhook post (Mailgun also sends every MIME header as a field).</summary>
    public const int FormPairs = 1_000;
    /// <summary>Header lines of one email.</summary>
    public const int EmailHeaders = 500;
    /// <summary>Attachments listed for one email.</summary>
    public const int Attachments = 100;
    /// <summary>Raw MIME message size, in bytes (SendGrid caps messages at 30 MB).</summary>
    public const int MimeBytes = 30 * 1024 * 1024;
    /// <summary>Text body read from an email before the reply is separated from the quoted history, in characters.</summary>
    public const int EmailBodyChars = 1_000_000;
    /// <summary>Events in one Event Grid delivery.</summary>
    public const int EventGridEvents = 1_000;
    /// <summary>Meta batches up to 1000 <c>entry</c> items per POST (docs/providers.md, 'Meta Lead Ads').</summary>
    public const int MetaEntries = 1_000;
    /// <summary>Leads in one Meta delivery, all entries together.</summary>
    public const int MetaLeads = 5_000;
    /// <summary>Answers in one social lead form.</summary>
    public const int SocialAnswers = 100;
    /// <summary>Values of one social lead form answer.</summary>
    public const int SocialAnswerValues = 20;
}
