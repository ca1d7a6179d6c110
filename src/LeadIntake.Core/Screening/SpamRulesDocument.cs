namespace LeadIntake.Core.Screening;

/// <summary>The <c>spam</c> section of the rules file.</summary>
public sealed record SpamRulesDocument
{
    public double Threshold { get; init; } = 5.0;
    public SpamSignalWeights Signals { get; init; } = new();
    public IReadOnlyList<BurstStep> ContactBursts { get; init; } = [];
    public IReadOnlyList<BurstStep> ClientBursts { get; init; } = [];
    public IReadOnlyList<TermGroupDocument> Groups { get; init; } = [];
}
