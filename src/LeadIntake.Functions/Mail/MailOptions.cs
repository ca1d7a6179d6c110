using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// How mail leaves LeadIntake (<c>Mail__*</c>). With <c>Mail__Smtp__Host</c> set: SMTP through MailKit (Azure
/// Communication Services' SMTP relay, Microsoft 365, any server). Without: .eml files in <c>Mail__PickupDirectory</c>.
/// </summary>
internal sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The sender address of every mail.</summary>
    [Required(ErrorMessage = "Mail:From is required (the sender address of LeadIntake's mails).")]
    [EmailAddress(ErrorMessage = "Mail:From must be an email address.")]
    public string From { get; set; } = "leadintake@localhost.localdomain";

    public string? FromName { get; set; } = "LeadIntake";

    /// <summary>Folder for .eml files when no SMTP host is set (relative paths are under the working directory).</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// How long a run's claim on a mail is trusted (<c>Mail__ClaimTimeout</c>). Older claims are taken as a crash
    /// around the send and recovered. Must outlast the slowest SMTP exchange (MailKit waits up to 30 s per command).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Mail:ClaimTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a run that finds the mail claimed by another waits — for it to be marked sent, or for the claim to
    /// expire and be recovered by this run — before giving up with "in progress" (<c>Mail__InProgressWait</c>).
    /// Longer than <see cref="ClaimTimeout"/> by default, so one delivery settles the mail: overlapping runs usually
    /// finish within a second, and only a crashed claim makes a run wait that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Mail:InProgressWait must be between 00:00:00 and 00:10:00.")]
    public TimeSpan InProgressWait { get; set; } = TimeSpan.FromSeconds(150);
}

/// <summary>SMTP settings (<c>Mail__Smtp__*</c>).</summary>
internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Mail:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>StartTls</c> (required: ACS needs TLS 1.2+), <c>SslOnConnect</c>, <c>None</c>.</summary>
    [RegularExpression("^(?i)(auto|starttls|sslonconnect|none)$", ErrorMessage = "Mail:Smtp:Security must be Auto, StartTls, SslOnConnect or None.")]
    public string Security { get; set; } = "Auto";
}
