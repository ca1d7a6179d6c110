namespace LeadIntake.Core.Kpis;

/// <summary>A spend line no lead of the month matches: its money is in the totals, but no channel or source can claim it.</summary>
public sealed record KpiUnmatchedSpend(string Channel, string Source, string Campaign, string Kind, decimal Amount);
