namespace LeadIntake.Core.Screening;

/// <summary>One reason screening gave: its kind (shown to people, localised) and its text (the audit trail's detail).</summary>
public sealed record ScreeningReason(ScreeningReasonCode Code, string Text);
