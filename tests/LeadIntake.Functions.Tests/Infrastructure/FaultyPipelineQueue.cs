using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real queue producer, except that the first <see cref="FailFirst"/> enqueues throw (a queue outage), and the
/// depth reads <see cref="ReportedDepth"/> when it is set (a backlog the test need not build).
/// </summary>
public sealed class FaultyPipelineQueue(IPipelineQueue inner) : IPipelineQueue
{
    private int _calls;
    public int FailFirst;
    public int? ReportedDepth;

    public Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) <= FailFirst
            ? throw new Azure.RequestFailedException(503, "Queue service unavailable (test fault).")
            : inner.EnqueueAsync(queue, id, cancellationToken);

    public Task<int> ApproximateDepthAsync(PipelineQueue queue, CancellationToken cancellationToken) =>
        ReportedDepth is { } depth ? Task.FromResult(depth) : inner.ApproximateDepthAsync(queue, cancellationToken);
}
