using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>Web form settings (<c>Forms__*</c>).</summary>
internal sealed class FormsOptions
{
    public const string SectionName = "Forms";

    /// <summary>The hidden field humans never fill; a value in it is a spam signal.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Forms:HoneypotField must not be empty.")]
    public string HoneypotField { get; set; } = "website";

    /// <summary>Refuse a form without consent (422 naming <c>consent</c>) instead of recording its absence.</summary>
    public bool RequireConsent { get; set; }

    /// <summary>The consent text version recorded when the form doesn't send <c>consentVersion</c>.</summary>
    public string? ConsentVersion { get; set; }

    /// <summary>Largest accepted form body in bytes.</summary>
    [Range(1_024, 1_048_576, ErrorMessage = "Forms:MaxBodyBytes must be between 1024 and 1048576.")]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Where a browser goes after a plain HTML form post (303 See Other); none → a small thank-you page.</summary>
    [Url(ErrorMessage = "Forms:ThankYouUrl must be an absolute http(s) URL.")]
    public string? ThankYouUrl { get; set; }

    /// <summary>Comma-separated origins (<c>https://www.example.com</c>) a form's <c>redirect</c> field may point to.</summary>
    public string? AllowedRedirects { get; set; }

    /// <summary>Comma-separated origins allowed to post the form from a browser script (CORS).</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>Form posts accepted per client address and minute; 0 turns the limit off.</summary>
    [Range(0, 100_000, ErrorMessage = "Forms:RateLimitPerMinute must be between 0 and 100000.")]
    public int RateLimitPerMinute { get; set; } = 10;

    public static IReadOnlyList<string> Origins(string? commaSeparated) =>
        (commaSeparated ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).ToArray();
}
