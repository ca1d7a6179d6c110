using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

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

    /// <summary>
    /// The claim of a lead mail whose purpose is new with the save that decided it (<see cref="NextStep.SendMail.ClaimWithSave"/>),
    /// to be written in that save's transaction (<see cref="ILeadStore"/>) instead of a call of its own.
    /// </summary>
    LeadMailRow.Claimed ClaimWithSave(LeadId leadId, OutgoingMail mail);

    /// <summary>
    /// Sends a mail whose claim was saved with the lead (<see cref="ClaimWithSave"/>) and answers the <c>sent</c> mark,
    /// which the next save of the lead carries (or <see cref="RecordSentAsync"/> writes). A failed send frees the claim
    /// so the retry sends at once, and throws.
    /// </summary>
    Task<LeadMailRow.Sent> SendClaimedAsync(LeadId leadId, OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>Writes <c>sent</c> marks on their own, when no save of the lead carried them; kept trying while storage is out (a lost mark would cost a resend).</summary>
    Task RecordSentAsync(LeadId leadId, IReadOnlyList<LeadMailRow.Sent> sent, CancellationToken cancellationToken);

    /// <summary>True when the mail of <paramref name="topic"/> and <paramref name="purpose"/> went out already (one point read).</summary>
    Task<bool> WasSentAsync(string topic, string purpose, CancellationToken cancellationToken);
}
