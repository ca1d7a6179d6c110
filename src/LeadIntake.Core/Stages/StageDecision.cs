using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Stages;

/// <summary>
/// What a stage decides for one lead, as a value: the change to save (<see cref="Change"/>: the new status, fields
/// and audit events, or nothing) and the steps to take once that change is saved (<see cref="Next"/>, in order).
/// Deciders are pure: the stage runner in the Functions layer loads their facts, saves the change with the lead's
/// ETag and performs the steps. A decider that finds its stage already done answers <see cref="LeadChange.Unchanged"/>
/// with the same next steps, so a redelivery repeats them (each step is idempotent); see docs/architecture.md,
/// "The stage contract".
/// </summary>
public sealed record StageDecision(LeadChange Change, IReadOnlyList<NextStep> Next)
{
    /// <summary>Save <paramref name="lead"/> with <paramref name="events"/>, then take <paramref name="next"/>.</summary>
    public static StageDecision Save(Lead lead, IReadOnlyList<LeadEvent> events, params IReadOnlyList<NextStep> next) =>
        new(new LeadChange.Applied(lead, events), next);

    /// <summary>Nothing to save; still take <paramref name="next"/> (a redelivery that finds the stage done).</summary>
    public static StageDecision Unchanged(Lead lead, string note, params IReadOnlyList<NextStep> next) =>
        new(new LeadChange.Unchanged(lead, note), next);

    /// <summary>Not allowed now; nothing is saved and nothing follows. The reason is fit to show a user.</summary>
    public static StageDecision Reject(string reason) => new(new LeadChange.Rejected(reason), []);

    /// <summary>An existing decider's answer with the steps that follow it when it was saved (or was already).</summary>
    public static StageDecision Of(LeadChange change, params IReadOnlyList<NextStep> next) =>
        new(change, change is LeadChange.Rejected ? [] : next);

    /// <summary>The lead this decision leaves: the one to save, or the one found; null when rejected.</summary>
    public Lead? Lead => Change switch
    {
        LeadChange.Applied applied => applied.Lead,
        LeadChange.Unchanged unchanged => unchanged.Lead,
        _ => null,
    };
}
