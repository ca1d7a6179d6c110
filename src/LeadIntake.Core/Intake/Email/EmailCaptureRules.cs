namespace LeadIntake.Core.Intake.Email;

/// <summary>The configurable parts of email capture (from <c>Email__*</c> settings).</summary>
public sealed record EmailCaptureRules
{
    /// <summary>
    /// ISO 3166 region used to read national phone numbers in signatures ("02 43 11 22 33") when the sender's
    /// domain doesn't name a country; null accepts only international (+…) numbers.
    /// </summary>
    public string? DefaultRegion { get; init; }

    public static EmailCaptureRules Default { get; } = new();
}
