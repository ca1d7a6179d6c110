namespace LeadIntake.Core.Intake;

/// <summary>The configurable parts of form parsing (from <c>Forms__*</c> settings).</summary>
public sealed record FormParseRules
{
    /// <summary>The hidden field a human never fills (default <c>website</c>).</summary>
    public string HoneypotField { get; init; } = "website";
    /// <summary>When true, a form without consent is refused (422 naming <c>consent</c>).</summary>
    public bool RequireConsent { get; init; }
    /// <summary>The consent text version recorded when the form doesn't send its own.</summary>
    public string? DefaultConsentVersion { get; init; }

    public static FormParseRules Default { get; } = new();
}
