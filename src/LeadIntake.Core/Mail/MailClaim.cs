namespace LeadIntake.Core.Mail;

/// <summary>
/// The outbox's rule for one row, as a pure function. Sending is claimed (pending → sending) with the row's ETag, so
/// of two overlapping runs only one sends. A claim is trusted for <c>timeout</c>: it must outlast the slowest SMTP
/// exchange (connect, authenticate, send), otherwise a slow but alive sender would be taken over and the mail sent twice.
/// </summary>
public static class MailClaim
{
    public static MailClaimStep Decide(MailSendState state, DateTimeOffset? claimedAt, DateTimeOffset now, TimeSpan timeout) => state switch
    {
        MailSendState.Sent => MailClaimStep.AlreadySent,
        MailSendState.Pending => MailClaimStep.Claim,
        // A claim without a time can't be aged: treat it as abandoned (only a hand-edited row has none).
        _ when claimedAt is not { } at => MailClaimStep.Recover,
        _ => now - claimedAt.Value >= timeout ? MailClaimStep.Recover : MailClaimStep.InProgress,
    };

    /// <summary>The deterministic Message-Id of a lead's mail for one purpose: a resend is recognisably the same mail.</summary>
    public static string MessageIdOf(string leadId, string purpose) => $"{leadId}.{purpose}@leadintake";
}
