using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>What screening said about one corpus record, next to what it should have said.</summary>
public sealed record ScreenPrediction(string Id, LeadIntent Expected, LeadIntent Predicted, ScreeningDecision Decision)
{
    /// <summary>Held for review (the spam probability fell in the review band); <see cref="Predicted"/> is the best guess.</summary>
    public bool Review { get; init; }
    public string? Source { get; init; }
}
