namespace LeadIntake.Core.Leads;

/// <summary>GDPR consent as given with the lead: whether, to which text version, and when.</summary>
public sealed record ConsentRecord(bool Given, string? TextVersion, DateTimeOffset RecordedAt);
