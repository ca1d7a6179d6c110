using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// How mail leaves LeadIntake (<c>Mail__*</c>). With <c>Mail__Smtp__Host</c> set: SMTP through MailKit (Azure
/// Communication Services' SMTP relay, Microsoft 365, any server). Without: .eml files in <c>Mail__PickupDirectory</c>.
/// </summary>
public sealed class MailOptions
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
}

/// <summary>SMTP settings (<c>Mail__Smtp__*</c>).</summary>
public sealed class SmtpOptions
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
