using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>What capture did: stored a new lead, or recognised a repeated delivery of one it already has.</summary>
internal sealed record CaptureResult(LeadId Id, LeadStatus Status, bool Duplicate);
