using LeadIntake.Core.Intake;

namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>A sales directory seed is either a directory with its rules or the list of what's wrong, by JSON path.</summary>
public abstract record SalesDirectoryParseOutcome
{
    private SalesDirectoryParseOutcome() { }

    public sealed record Parsed(SalesDirectory Directory, IReadOnlyList<AssignmentRule> Rules) : SalesDirectoryParseOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SalesDirectoryParseOutcome;
}
