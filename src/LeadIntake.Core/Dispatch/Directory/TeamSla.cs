namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// A team's acceptance SLA. The "5-minute rule": leads called back within minutes convert far more often, so a rep
/// is reminded at <see cref="AcceptWithin"/> and the lead moves to the next eligible rep at <see cref="ReassignAfter"/>
/// (both measured from the assignment).
/// </summary>
public sealed record TeamSla
{
    public TimeSpan AcceptWithin { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan ReassignAfter { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>After this many reassignments the lead stays where it is and only the manager is told.</summary>
    public int MaxReassignments { get; init; } = 3;

    public static TeamSla Default { get; } = new();
}
