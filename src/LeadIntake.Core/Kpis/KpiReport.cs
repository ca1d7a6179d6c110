namespace LeadIntake.Core.Kpis;

/// <summary>
/// One month's KPIs as <c>GET /api/kpis</c> returns them and the KPI page draws them. Rates and money are null when
/// their denominator is zero (the page shows "—"). Every figure names its lead type in docs/kpis.md.
/// </summary>
public sealed record KpiReport
{
    public required string Month { get; init; }
    /// <summary><c>period</c> or <c>cohort</c>.</summary>
    public required string Mode { get; init; }
    /// <summary>Cohort mode: the window in days from capture (30, 90 or 180); null in period mode.</summary>
    public int? WindowDays { get; init; }
    /// <summary>Cohort mode: false while the window has not ended for every lead of the month (the figures can still grow).</summary>
    public bool? WindowComplete { get; init; }
    public required string TimeZone { get; init; }
    public required string Currency { get; init; }
    public long? Visitors { get; init; }
    public required KpiFigures Total { get; init; }
    public required IReadOnlyDictionary<string, KpiFigures> Channels { get; init; }
    public required IReadOnlyList<KpiSourceFigures> Sources { get; init; }
    public required KpiSpeedToLead SpeedToLead { get; init; }
    public required IReadOnlyList<KpiRepFigures> Reps { get; init; }
    public required KpiScreeningQuality Screening { get; init; }
    /// <summary>Spend lines of the month whose channel, source and campaign match no captured lead.</summary>
    public required IReadOnlyList<KpiUnmatchedSpend> UnmatchedSpend { get; init; }
    /// <summary>When the daily recomputation last changed this month's figures after the month had closed; null if never.</summary>
    public DateTimeOffset? RestatedAt { get; init; }
}
