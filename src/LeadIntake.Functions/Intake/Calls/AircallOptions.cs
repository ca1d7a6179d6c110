namespace LeadIntake.Functions.Intake.Calls;

/// <summary>Aircall webhooks (<c>Aircall__*</c>): Aircall puts the webhook's token in the body; it is compared when set.</summary>
internal sealed class AircallOptions
{
    public const string SectionName = "Aircall";

    public string? Token { get; set; }
}
