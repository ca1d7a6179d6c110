namespace LeadIntake.Core.Intake.Calls;

/// <summary>A call webhook is one call event, field errors, or nothing to capture (an outbound call, another resource).</summary>
public abstract record CallEventOutcome
{
    private CallEventOutcome() { }

    public sealed record Parsed(CallEvent Event) : CallEventOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : CallEventOutcome
    {
        public Invalid(FieldError error) : this([error]) { }
    }

    public sealed record Ignored(string Reason) : CallEventOutcome;
}
