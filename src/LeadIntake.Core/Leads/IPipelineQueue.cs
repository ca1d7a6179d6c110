namespace LeadIntake.Core.Leads;

/// <summary>Hands a lead to the next stage. Messages carry the id only, never personal data.</summary>
public interface IPipelineQueue
{
    Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken);

    /// <summary>About how many messages wait on <paramref name="queue"/> (one cheap call; the count may lag).</summary>
    Task<int> ApproximateDepthAsync(PipelineQueue queue, CancellationToken cancellationToken);
}
