using System.Collections.Concurrent;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Lets a producer in this instance wake the listener of the queue it just wrote to, so a lead moves to the next
/// stage at once instead of waiting for the next poll (the Functions host does the same for its own outputs).
/// </summary>
internal sealed class QueueWakeSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Wake(string queueName)
    {
        var signal = For(queueName);
        // Binary semaphore: many wakes before the listener looks count as one. Two producers can both see 0 and
        // both release: the second gets SemaphoreFullException, which must not fail the enqueue that already
        // succeeded (seen under load: ScreenLead retried after visibilityTimeout; intake would leave it to the sweeper).
        try
        {
            if (signal.CurrentCount == 0) signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken by the other producer
        }
    }

    /// <summary>True when woken, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken) =>
        For(queueName).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim For(string queueName) => _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}
