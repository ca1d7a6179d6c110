namespace LeadIntake.Core.Screening;

/// <summary>The spam part of screening: the score summed over signals, and whether it reached the threshold.</summary>
internal sealed record SpamVerdict(double Score, bool IsSpam, double Confidence);
