namespace LeadIntake.Core.Kpis;

/// <summary>The main counts of one channel and UTM source (and its spend) for the month.</summary>
public sealed record KpiSourceFigures(string Channel, string Source, long Mcl, long Mql, long Sql, long Won, decimal Spend, decimal? Cpl);
