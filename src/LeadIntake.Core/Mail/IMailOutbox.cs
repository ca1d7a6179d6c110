using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Mail;

/// <summary>Sends a lead's mail once per purpose, however often the stage that sends it is retried.</summary>
public interface IMailOutbox
{
    /// <summary>True when the mail was sent by this call, false when it had been sent before.</summary>
    Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken);
}
