using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>Delivers one composed message. Throws on failure (the stage is retried; the outbox keeps it sent-once).</summary>
internal interface IMailSender
{
    /// <summary>Sends; returns the server's answer when there is one (SMTP's reply to the message), for the outbox row.</summary>
    Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a message with this Message-Id already left, asked when a run crashed around the send. An SMTP server
    /// can't be asked: <see cref="MailDeliveryCheck.Unknown"/> by default.
    /// </summary>
    Task<MailDeliveryCheck> CheckDeliveredAsync(string messageId, CancellationToken cancellationToken) => Task.FromResult(MailDeliveryCheck.Unknown);
}

/// <summary>The answer of <see cref="IMailSender.CheckDeliveredAsync"/>.</summary>
internal enum MailDeliveryCheck
{
    Unknown,
    Delivered,
    NotDelivered,
}
