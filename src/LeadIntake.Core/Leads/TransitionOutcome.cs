namespace LeadIntake.Core.Leads;

/// <summary>The lifecycle's answer to a trigger: a value, never an exception (docs/conventions.md, 'Outcomes are values').</summary>
public abstract record TransitionOutcome
{
    private TransitionOutcome() { }

    /// <summary>The trigger is allowed; the lead moves to <see cref="To"/>.</summary>
    public sealed record Advanced(LeadStatus To) : TransitionOutcome;

    /// <summary>The lead is already where the trigger would take it (a retry, a double click).</summary>
    public sealed record AlreadyThere(LeadStatus Status) : TransitionOutcome;

    /// <summary>Not allowed from the current status; the reason is fit to show a user (HTTP 409).</summary>
    public sealed record Rejected(string Reason) : TransitionOutcome;
}
