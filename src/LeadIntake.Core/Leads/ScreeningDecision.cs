namespace LeadIntake.Core.Leads;

/// <summary>What screening decided and why: the verdict is explainable to a human reading the lead.</summary>
public sealed record ScreeningDecision(
    LeadIntent Intent,
    double Confidence,
    double SpamScore,
    IReadOnlyList<string> Reasons,
    string RulesVersion);
