namespace LeadIntake.Core.Privacy;

/// <summary>How long one class of data is kept, and where that figure comes from.</summary>
/// <param name="Class">The class: <c>spam</c>, <c>raw-payloads</c>, <c>routed</c>, <c>prospects</c>, <c>won</c>.</param>
/// <param name="Period">The period; null when the class is kept until a person acts (no setting).</param>
/// <param name="Source">Why this period: the default's reason, or <c>setting Privacy:Retention:…</c>.</param>
public sealed record RetentionPeriod(string Class, TimeSpan? Period, string Source);
