using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>What a non-spam lead wants and how sure the rules are.</summary>
internal sealed record IntentDecision(LeadIntent Intent, double Confidence);
