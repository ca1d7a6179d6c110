namespace LeadIntake.Functions.Intake;

/// <summary>Aircall webhooks (<c>Aircall__*</c>): Aircall puts the webhook's token in the body; it is compared when set.</summary>
public sealed class AircallOptions
{
    public const string SectionName = "Aircall";

    public string? Token { get; set; }
}
