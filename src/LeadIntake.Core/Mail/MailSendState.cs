namespace LeadIntake.Core.Mail;

/// <summary>Where one mail (one lead and purpose) stands in the outbox.</summary>
public enum MailSendState
{
    /// <summary>Not claimed: written by older versions before sending, or released after a refused send. Free to claim.</summary>
    Pending,
    /// <summary>Claimed by one run, which is talking to the mail server now (or crashed while it was).</summary>
    Sending,
    /// <summary>The mail server accepted it. Never sent again.</summary>
    Sent,
}
