namespace LeadIntake.Core.Screening;

/// <summary>The <c>language</c> section: frequent function words of each language detected.</summary>
public sealed record LanguageLexiconDocument
{
    public IReadOnlyList<string> Fr { get; init; } = [];
    public IReadOnlyList<string> En { get; init; } = [];
}
