namespace LeadIntake.Functions.Intake.Email;

/// <summary>
/// Postmark inbound (<c>Postmark__*</c>). Postmark signs nothing: the webhook URL carries basic-auth credentials
/// (<c>https://user:pass@host/api/intake/email/postmark</c>) and they are checked when a username is set.
/// </summary>
internal sealed class PostmarkOptions
{
    public const string SectionName = "Postmark";

    public string? Username { get; set; }

    public string? Password { get; set; }
}
