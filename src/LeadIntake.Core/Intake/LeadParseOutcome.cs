using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake;

/// <summary>
/// What a provider payload turned into: a lead (its <see cref="CapturedLead.ProviderEventId"/> set for idempotency),
/// the field errors that make it unusable (→ 4xx naming the field), or nothing to capture (→ 2xx so the provider
/// stops retrying: an event type that isn't a lead). Never an exception.
/// </summary>
public abstract record LeadParseOutcome
{
    private LeadParseOutcome() { }

    public sealed record Parsed(CapturedLead Lead) : LeadParseOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : LeadParseOutcome
    {
        public Invalid(FieldError error) : this([error]) { }
    }

    public sealed record Ignored(string Reason) : LeadParseOutcome;
}
