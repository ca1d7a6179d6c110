namespace LeadIntake.Core.Leads;

/// <summary>Which rep owns the lead, since when, and the explanation of how they were chosen.</summary>
public sealed record RepAssignment(string RepEmail, string? RepName, string Reason, DateTimeOffset AssignedAt);
