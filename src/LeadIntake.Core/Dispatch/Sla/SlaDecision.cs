namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>The SLA watch's answer, with when to look again (null: never, the lead is out of the SLA's hands).</summary>
public sealed record SlaDecision(SlaAction Action, DateTimeOffset? NextCheckAt);
