namespace LeadIntake.Core.Privacy;

/// <summary>When and why a lead's personal data was removed; the lead that carries it is a pseudonymised skeleton.</summary>
public sealed record PurgeRecord(DateTimeOffset At, PurgeReason Reason);
