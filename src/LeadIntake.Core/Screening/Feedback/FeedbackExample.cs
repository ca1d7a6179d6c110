using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Feedback;

/// <summary>
/// One correction of this installation as a labeled training example: the label, which correction gave it, who and
/// when, and only the text the model reads (subject, message or transcript, names, the email's domain). No address,
/// no phone number. It lives beside its lead and goes with it (retention, erasure).
/// </summary>
public sealed record FeedbackExample
{
    public required LeadId LeadId { get; init; }
    public required LeadIntent Label { get; init; }
    public required FeedbackSource Source { get; init; }
    /// <summary>Who corrected: <c>admin</c>, a rep's or a mailbox's address (staff of this company, not a lead's data).</summary>
    public required string Actor { get; init; }
    public required DateTimeOffset At { get; init; }
    public required Channel Channel { get; init; }
    /// <summary>The language screening detected (<c>fr</c>, <c>en</c>), or null.</summary>
    public string? Language { get; init; }
    public string? Subject { get; init; }
    /// <summary>The message (form, email body) or, for a call, the transcript or call summary.</summary>
    public string? Message { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    /// <summary>A single name field (email display name, caller id name) when the channel gives no first/last name.</summary>
    public string? FullName { get; init; }
    public string? Company { get; init; }
    /// <summary>The sender's email domain only (<c>example.com</c>): the local part identifies a person and is never kept.</summary>
    public string? EmailDomain { get; init; }
}
