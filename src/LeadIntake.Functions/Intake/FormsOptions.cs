using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake;

/// <summary>Web form settings (<c>Forms__*</c>).</summary>
public sealed class FormsOptions
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
}
