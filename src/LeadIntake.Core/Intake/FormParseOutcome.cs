using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake;

/// <summary>A form post is either a lead or a list of field errors: never both, never an exception.</summary>
public abstract record FormParseOutcome
{
    private FormParseOutcome() { }

    public sealed record Parsed(CapturedLead Lead) : FormParseOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : FormParseOutcome;
}
