using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>What screening does with a captured lead: the lifecycle trigger to fire and the decision to record.</summary>
public sealed record ScreeningOutcome(LeadTrigger Trigger, ScreeningDecision Decision);
