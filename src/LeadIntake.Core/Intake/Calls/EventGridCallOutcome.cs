using LeadIntake.Core.Intake.Signatures;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>An Event Grid delivery to the ACS call endpoint: the validation handshake, call events, or field errors.</summary>
public abstract record EventGridCallOutcome
{
    private EventGridCallOutcome() { }

    /// <summary>Answer HTTP 200 with <see cref="Response"/> as the JSON body.</summary>
    public sealed record Validation(EventGridValidationResponse Response) : EventGridCallOutcome;

    /// <summary>The incoming calls of the batch; <paramref name="IgnoredCount"/> events of other types were skipped.</summary>
    public sealed record Calls(IReadOnlyList<CallEvent> Events, int IgnoredCount) : EventGridCallOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : EventGridCallOutcome
    {
        public Invalid(FieldError error) : this([error]) { }
    }
}
