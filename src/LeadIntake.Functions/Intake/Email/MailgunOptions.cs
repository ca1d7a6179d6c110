namespace LeadIntake.Functions.Intake.Email;

/// <summary>Mailgun route posts (<c>Mailgun__*</c>). With a signing key set, <c>timestamp</c>/<c>token</c>/<c>signature</c> are checked.</summary>
internal sealed class MailgunOptions
{
    public const string SectionName = "Mailgun";

    /// <summary>The HTTP webhook signing key; empty turns verification off.</summary>
    public string? SigningKey { get; set; }
}
