namespace LeadIntake.Core.Leads;

/// <summary>A lead as loaded from the store, with the version token its next update must carry (docs/conventions.md, 'ETag on every update').</summary>
public sealed record StoredLead(Lead Lead, string ETag);
