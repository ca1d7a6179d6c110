namespace LeadIntake.Core.Kpis;

/// <summary>Velocity percentiles in business hours (working days and hours of the calendar setting, holidays excluded).</summary>
public sealed record KpiBusinessVelocity(string? P50, string? P90, long? P50Seconds, long? P90Seconds);
