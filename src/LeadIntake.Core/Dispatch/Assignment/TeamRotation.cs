using System.Collections.Immutable;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// A team's round-robin state: small and immutable, stored as one table entity per team and updated with its ETag
/// (on 412 the handler reloads it and decides again). See docs/dispatch.md, "Fairness".
/// </summary>
/// <param name="TeamId">The team this state belongs to.</param>
/// <param name="Pointer">How many round-robin leads the team has handed out: shown in every explanation.</param>
/// <param name="VirtualTime">The pass of the last rep chosen. A rep's pass is never used below it, so time away earns no credit.</param>
/// <param name="Reps">Per rep email (case-insensitive). Entries outlive membership changes, so counts never reset.</param>
public sealed record TeamRotation(string TeamId, long Pointer, long VirtualTime, ImmutableDictionary<string, RepRotationState> Reps)
{
    /// <summary>A weight-1 rep's pass moves this much per lead; a weight-w rep's moves Scale / w.</summary>
    public const long Scale = 1_000_000;

    public static TeamRotation Start(string teamId) =>
        new(teamId, 0, 0, ImmutableDictionary.Create<string, RepRotationState>(StringComparer.OrdinalIgnoreCase));

    public RepRotationState? For(string repEmail) => Reps.GetValueOrDefault(repEmail);
}
