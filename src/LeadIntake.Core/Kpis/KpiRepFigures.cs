namespace LeadIntake.Core.Kpis;

/// <summary>One rep's month: leads assigned, accepted (and the rate), SLA breaches, won, and the median speed to lead.</summary>
public sealed record KpiRepFigures(string Rep, long Assigned, long Accepted, double? AcceptRate, long SlaBreaches, long Won, string? SpeedToLeadP50, long? SpeedToLeadP50Seconds);
