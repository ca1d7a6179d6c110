using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>The real queue producer, except that the first <see cref="FailFirst"/> enqueues throw (a queue outage).</summary>
public sealed class FaultyPipelineQueue(IPipelineQueue inner) : IPipelineQueue
{
    private int _calls;
    public int FailFirst;

    public Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) <= FailFirst
            ? throw new Azure.RequestFailedException(503, "Queue service unavailable (test fault).")
            : inner.EnqueueAsync(queue, id, cancellationToken);
}
