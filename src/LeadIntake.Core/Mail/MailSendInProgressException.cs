using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Mail;

/// <summary>
/// Another run holds a fresh claim on this mail and is sending it now. The caller must neither send nor act as if the
/// mail had gone out (the other run may still crash): it fails transiently, and the queue delivers the message again
/// after the visibility timeout, when the mail is either sent (nothing to do) or its claim has expired (recovered).
/// </summary>
public sealed class MailSendInProgressException(string subject, string purpose)
    : Exception($"The mail '{purpose}' of {subject} is being sent by another run; retry later.")
{
    /// <summary>The lead id, or the topic of a mail about no single lead (the review digest).</summary>
    public string Subject { get; } = subject;
    public string Purpose { get; } = purpose;
}
