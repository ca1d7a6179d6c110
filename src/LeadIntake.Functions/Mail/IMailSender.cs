using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>Delivers one composed message. Throws on failure (the stage is retried; the outbox keeps it sent-once).</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
