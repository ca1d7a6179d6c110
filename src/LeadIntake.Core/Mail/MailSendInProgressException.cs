using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Mail;

/// <summary>
/// Another run holds a fresh claim on this mail and is sending it now. The caller must neither send nor act as if the
/// mail had gone out (the other run may still crash): it fails transiently, and the queue delivers the message again
/// after the visibility timeout, when the mail is either sent (nothing to do) or its claim has expired (recovered).
/// </summary>
public sealed class MailSendInProgressException(LeadId leadId, string purpose)
    : Exception($"The mail '{purpose}' of lead {leadId} is being sent by another run; retry later.")
{
    public LeadId LeadId { get; } = leadId;
    public string Purpose { get; } = purpose;
}
