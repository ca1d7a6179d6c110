namespace LeadIntake.Core.Leads;

/// <summary>
/// What a rep action or a timer decider does to a lead: a value, never an exception (docs/conventions.md, 'Outcomes are values').
/// The handler saves <see cref="Applied.Lead"/> with its ETag and appends the events; nothing to do for the others.
/// </summary>
public abstract record LeadChange
{
    private LeadChange() { }

    /// <summary>The lead changed: store it and append <see cref="Events"/> to its audit trail.</summary>
    public sealed record Applied(Lead Lead, IReadOnlyList<LeadEvent> Events) : LeadChange;

    /// <summary>Nothing to change: a retry, a double click, or a timer that found nothing due.</summary>
    public sealed record Unchanged(Lead Lead, string Note) : LeadChange;

    /// <summary>Not allowed now; the reason is fit to show a user (HTTP 409).</summary>
    public sealed record Rejected(string Reason) : LeadChange;
}
