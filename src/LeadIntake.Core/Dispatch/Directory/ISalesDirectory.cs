namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>Where reps, teams and rules live. Read per dispatch, so an admin's change applies to the next lead.</summary>
public interface ISalesDirectory
{
    /// <summary>The directory and rules; null when none is configured yet (dispatch then uses the default rep).</summary>
    Task<RoutingSetup?> LoadAsync(CancellationToken cancellationToken);
}
