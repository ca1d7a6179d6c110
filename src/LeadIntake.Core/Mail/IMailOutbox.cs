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

    /// <summary>
    /// A mail about no single lead (the daily review digest), sent once per <paramref name="topic"/> and purpose.
    /// True when sent by this call. <paramref name="topic"/> is a plain word such as <c>review-digest</c>.
    /// </summary>
    Task<bool> SendOnceAsync(string topic, OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>True when the mail of <paramref name="topic"/> and <paramref name="purpose"/> went out already (one point read).</summary>
    Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken);
}
