using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Reporting;

/// <summary>An open lead no rep has accepted yet, with how long it has waited since capture.</summary>
public sealed record WaitingLead(LeadId Id, LeadStatus Status, string? Rep, TimeSpan Age);
