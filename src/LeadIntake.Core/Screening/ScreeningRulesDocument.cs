namespace LeadIntake.Core.Screening;

/// <summary>The rules file as written (see docs/screening.md); <see cref="ScreeningRules.Parse"/> compiles it.</summary>
public sealed record ScreeningRulesDocument
{
    public required string Version { get; init; }
    public string? Description { get; init; }
    public SpamRulesDocument Spam { get; init; } = new();
    public IntentRulesDocument Intent { get; init; } = new();
    public LanguageLexiconDocument Language { get; init; } = new();
    public ModelRulesDocument Model { get; init; } = new();
}
