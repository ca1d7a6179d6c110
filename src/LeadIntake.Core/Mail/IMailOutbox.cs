using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Mail;

/// <summary>
/// Sends a lead's mail once per purpose, however often and however concurrently the stage that sends it runs
/// (docs/reliability.md, "Mail: sent once").
/// </summary>
public interface IMailOutbox
{
    /// <summary>True when the mail was sent by this call, false when it had been sent before.</summary>
    /// <exception cref="MailSendInProgressException">Another run is sending it right now: retry later.</exception>
    Task<bool> SendOnceAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken);
}
