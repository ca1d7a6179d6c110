namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>One round-robin state per team, saved with optimistic concurrency (docs/conventions.md, 'ETag on every update').</summary>
public interface ITeamRotations
{
    /// <summary>The team's rotation, or <see cref="TeamRotation.Start"/> when the team never had a lead.</summary>
    Task<StoredRotation> LoadAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>False when someone else saved first (412/409): reload and decide again.</summary>
    Task<bool> TrySaveAsync(StoredRotation current, TeamRotation updated, CancellationToken cancellationToken);
}
