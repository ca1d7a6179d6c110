namespace LeadIntake.Core.Screening;

/// <summary>The <c>intent</c> section of the rules file.</summary>
public sealed record IntentRulesDocument
{
    /// <summary>How far ahead of commercial another intent must score to win (commercial is preferred when unsure).</summary>
    public double Margin { get; init; } = 1.0;
    public IReadOnlyList<string> Negators { get; init; } = [];
    public IReadOnlyList<TermGroupDocument> Groups { get; init; } = [];
}
