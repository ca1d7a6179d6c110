namespace LeadIntake.Core.Mail;

/// <summary>
/// A mail LeadIntake sends, as data: composed by a pure function in Core, sent by the mail layer.
/// <see cref="Purpose"/> plus the lead id make it idempotent: one mail per lead and purpose. The subject is made
/// single-line on the way in (<see cref="MailHeaderText"/>), whoever composes it.
/// </summary>
public sealed record OutgoingMail
{
    public required string Purpose { get; init; }
    public required MailAddress To { get; init; }
    public MailAddress? ReplyTo { get; init; }
    public required string Subject { get; init => field = MailHeaderText.SingleLine(value); }
    public required string TextBody { get; init; }
    public string? HtmlBody { get; init; }
}
