namespace LeadIntake.Core.Kpis;

/// <summary>Minutes from the start of an episode to the rep's first action, in bands, with the median.</summary>
public sealed record KpiSpeedToLead(IReadOnlyDictionary<string, long> Bands, string? P50, long? P50Seconds, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ByChannel);
