namespace LeadIntake.Core.Mail;

/// <summary>What a run that finds an outbox row does next (<see cref="MailClaim.Decide"/>).</summary>
public enum MailClaimStep
{
    /// <summary>The row is free: claim it (ETag-guarded) and send.</summary>
    Claim,
    /// <summary>Sent before: nothing to do.</summary>
    AlreadySent,
    /// <summary>Another run holds a fresh claim: do not send; let the message come back later.</summary>
    InProgress,
    /// <summary>A claim older than the claim timeout: its run crashed around the send. Take it over and resolve it by Message-Id.</summary>
    Recover,
}
