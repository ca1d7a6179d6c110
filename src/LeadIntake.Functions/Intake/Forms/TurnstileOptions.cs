using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// CAPTCHA check of web forms (<c>Turnstile__*</c>): Cloudflare Turnstile, or Google reCAPTCHA with its siteverify URL
/// (both take <c>secret</c> + <c>response</c> and answer <c>{"success": …}</c>). Off while no secret is set.
/// </summary>
internal sealed class TurnstileOptions
{
    public const string SectionName = "Turnstile";

    /// <summary>Cloudflare's documented server-side validation endpoint (docs/providers.md, 'Cloudflare Turnstile').</summary>
    public const string DefaultVerifyUrl = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

    public string? Secret { get; set; }

    [Url(ErrorMessage = "Turnstile:VerifyUrl must be an absolute http(s) URL.")]
    public string VerifyUrl { get; set; } = DefaultVerifyUrl;

    [Range(typeof(TimeSpan), "00:00:01", "00:00:30", ErrorMessage = "Turnstile:Timeout must be between 00:00:01 and 00:00:30.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
