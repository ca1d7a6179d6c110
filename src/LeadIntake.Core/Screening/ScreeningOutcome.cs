using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// What screening does with a captured lead: the lifecycle trigger to fire and the decision to record, with the
/// contact as normalised (E.164 phone, cleaned names, inferred company) for the handler to store.
/// </summary>
public sealed record ScreeningOutcome(LeadTrigger Trigger, ScreeningDecision Decision)
{
    /// <summary>The lead's contact after normalisation; the captured one stays untouched in <see cref="Lead.Captured"/>.</summary>
    public Contact? Contact { get; init; }
}
