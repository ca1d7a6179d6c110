namespace LeadIntake.Core.Leads;

/// <summary>A lead left in <c>captured</c>: its id, when it was last queued for screening, and the row's version.</summary>
public sealed record StrandedLead(LeadId Id, DateTimeOffset QueuedAt, string ETag);
