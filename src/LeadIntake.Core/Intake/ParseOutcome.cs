namespace LeadIntake.Core.Intake;

/// <summary>
/// What a parser made of its input, as a value, never an exception: the thing it parsed (a lead, a call event, a
/// sales directory), the field errors that make the input unusable (→ a 4xx naming each field), or nothing to capture
/// (→ a 2xx so a provider stops retrying an event that isn't a lead). Every parser of the app answers with this one
/// union; a parser that can't ignore its input (a form) simply never answers <see cref="Ignored"/>.
/// </summary>
public abstract record ParseOutcome<T>
{
    private ParseOutcome() { }

    public sealed record Parsed(T Value) : ParseOutcome<T>;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ParseOutcome<T>
    {
        public Invalid(FieldError error) : this([error]) { }
    }

    public sealed record Ignored(string Reason) : ParseOutcome<T>;
}
