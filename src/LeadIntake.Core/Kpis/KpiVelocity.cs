namespace LeadIntake.Core.Kpis;

/// <summary>
/// The velocity of one stage change for the episodes that entered its first stage in the month: percentiles of the
/// changes made, how many were made, and the share still open. <c>p50</c>/<c>p90</c> read <c>hh:mm</c> (hours may pass 24).
/// </summary>
public sealed record KpiVelocity
{
    public string? P50 { get; init; }
    public string? P90 { get; init; }
    public long? P50Seconds { get; init; }
    public long? P90Seconds { get; init; }
    public long Count { get; init; }
    /// <summary>Episodes that entered the first stage in the month.</summary>
    public long Entered { get; init; }
    public long OpenCount { get; init; }
    /// <summary>Share of <see cref="Entered"/> that has not made the change yet; null when none entered.</summary>
    public double? Open { get; init; }
    /// <summary>The same percentiles counted in business hours only.</summary>
    public required KpiBusinessVelocity Business { get; init; }
}
