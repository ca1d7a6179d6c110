using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Runs one queue-triggered function with the Functions queue-trigger semantics (docs/architecture.md):
/// batches of <c>batchSize</c>, a new batch when in-flight work drops to <c>newBatchThreshold</c>, random exponential
/// back-off up to <c>maxPollingInterval</c> while idle, a lease (<c>Lease</c>, 1 minute by default; the host's is 10) renewed while the function runs,
/// <c>visibilityTimeout</c> after a failure, and after <c>maxDequeueCount</c> attempts the message moves to
/// <c>&lt;queue&gt;-poison</c> with its content intact. On shutdown it stops fetching, lets in-flight messages finish
/// for <c>DrainTimeout</c>, and makes the rest visible again at once: nothing is lost.
/// A storage failure of any kind (the SDK gives up with an <see cref="AggregateException"/>, a socket error, its own
/// timeout) never leaves the loop: receive backs off and tries again, and delete, visibility update and poison move are
/// retried with back-off while the lease lasts. The outage is reported once to <see cref="QueueRuntimeStatus"/>.
/// </summary>
internal sealed partial class QueueListener(
    FunctionDeclaration function,
    QueueClient queue,
    QueueClient poisonQueue,
    Func<QueueInvocation, CancellationToken, Task> invoke,
    QueueRuntimeOptions options,
    QueueWakeSignals wakeSignals,
    QueueRuntimeStatus status,
    TimeProvider time,
    ILogger logger)
{
    // The host takes messages with a 10-minute invisibility and renews it while the function runs (QueueListener.cs).
    // Standalone defaults to 1 minute (QueueRuntimeOptions.Lease): a killed instance's messages come back within a
    // minute instead of ten; the renewal at a third of the lease keeps long runs covered.
    private TimeSpan Lease => options.Lease;
    private TimeSpan LeaseRenewal => options.Lease / 3;
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    // While storage is out: start at half a second and double up to 5 s, so processing resumes within seconds of its return.
    private static readonly TimeSpan OutageBackoffStart = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan OutageBackoffMax = TimeSpan.FromSeconds(5);

    private readonly QueueMessageCodec _codec = new(options.Base64);
    private readonly string _queueName = queue.Name;
    private int _inFlight;
    private readonly SemaphoreSlim _completed = new(0, int.MaxValue);

    /// <summary>Polls until <paramref name="stopping"/> fires, then drains. Handlers see <paramref name="abort"/>, which fires after the drain timeout.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var running = new List<Task>();
        var delay = MinimumPollingInterval;
        var outageDelay = OutageBackoffStart;
        while (!stopping.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (Volatile.Read(ref _inFlight) > options.EffectiveNewBatchThreshold)
            {
                await WaitQuietlyAsync(_completed.WaitAsync(TimeSpan.FromSeconds(1), stopping)).ConfigureAwait(false);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                var response = await queue.ReceiveMessagesAsync(options.BatchSize, Lease, stopping).ConfigureAwait(false);
                messages = response.Value;
                status.StorageAnswered(_queueName);
                outageDelay = OutageBackoffStart;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Whatever the SDK threw once its retries ran out: report the outage once, back off, try again.
                status.StorageFailed(_queueName, e);
                LogReceiveFailed(logger, e, _queueName);
                if (e is RequestFailedException { Status: 404 }) await RecreateQueueAsync(stopping).ConfigureAwait(false);
                await WaitQuietlyAsync(Task.Delay(Jittered(outageDelay), time, stopping)).ConfigureAwait(false);
                outageDelay = Doubled(outageDelay, OutageBackoffMax);
                continue;
            }

            if (messages.Length > 0)
            {
                delay = MinimumPollingInterval;
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _inFlight);
                    running.Add(Task.Run(() => ProcessAsync(message, abort), CancellationToken.None));
                }
                continue;
            }

            // Idle: random exponential back-off, cut short when this instance enqueues to the queue.
            await WaitQuietlyAsync(wakeSignals.WaitAsync(_queueName, Jittered(delay), stopping)).ConfigureAwait(false);
            delay = Doubled(delay, options.MaxPollingInterval < MinimumPollingInterval ? MinimumPollingInterval : options.MaxPollingInterval);
        }

        // Drain: in-flight messages finish; after the drain timeout `abort` fires and they are released.
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        var popReceipt = message.PopReceipt;
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                // It already failed (or crashed the process) maxDequeueCount times: don't run it again.
                await MoveToPoisonAsync(message, popReceipt, "dequeue count over the limit", abort).ConfigureAwait(false);
                return;
            }
            if (!_codec.TryDecode(message.MessageText, out var text))
            {
                // Can never succeed: poison at once, content intact, so an operator can see what arrived.
                await MoveToPoisonAsync(message, popReceipt, "not valid " + options.MessageEncoding, abort).ConfigureAwait(false);
                return;
            }

            using var renewal = new CancellationTokenSource();
            var renewTask = RenewLeaseAsync(message, () => popReceipt, r => popReceipt = r, renewal.Token);
            bool succeeded;
            try
            {
                await invoke(new QueueInvocation(text, message.DequeueCount, message.MessageId, message.InsertedOn), abort).ConfigureAwait(false);
                succeeded = true;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                await renewal.CancelAsync().ConfigureAwait(false);
                await renewTask.ConfigureAwait(false);
                // Shutdown cut the work short: visible again now, and this attempt doesn't count as a failure.
                await CompleteAsync(() => ReleaseAsync(message, popReceipt, TimeSpan.Zero), CancellationToken.None, once: true).ConfigureAwait(false);
                LogReleasedOnShutdown(logger, function.Name, message.MessageId);
                return;
            }
            catch (Exception e)
            {
                succeeded = false;
                if (StorageFaults.IsStorageOutage(e))
                {
                    // Storage went away under the function: reported once as an outage, not once per message.
                    status.StorageFailed(_queueName, e);
                    LogFunctionFailedInOutage(logger, function.Name, message.MessageId, message.DequeueCount);
                }
                else
                {
                    LogFunctionFailed(logger, e, function.Name, message.MessageId, message.DequeueCount);
                }
            }
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewTask.ConfigureAwait(false);

            if (succeeded)
            {
                await CompleteAsync(() => queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None), abort).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, popReceipt, "failed maxDequeueCount times", abort).ConfigureAwait(false);
            }
            else
            {
                await CompleteAsync(() => ReleaseAsync(message, popReceipt, options.VisibilityTimeout), abort).ConfigureAwait(false);
                LeadIntakeTelemetry.Retried(_queueName);
            }
        }
        catch (Exception e)
        {
            // Lost the lease (another instance took the message after it became visible), or storage stayed out longer
            // than the lease or the shutdown allowed: the message will be seen again; the function is idempotent.
            LogCompletionFailed(logger, e, function.Name, message.MessageId, e is RequestFailedException failed ? failed.Status : 0);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _completed.Release();
        }
    }

    private async Task RenewLeaseAsync(QueueMessage message, Func<string> receipt, Action<string> setReceipt, CancellationToken cancellationToken)
    {
        var wait = LeaseRenewal;
        while (true)
        {
            try
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                var updated = await queue.UpdateMessageAsync(message.MessageId, receipt(), visibilityTimeout: Lease, cancellationToken: cancellationToken).ConfigureAwait(false);
                setReceipt(updated.Value.PopReceipt);
                wait = LeaseRenewal;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // the function finished
            }
            catch (Exception e) when (StorageFaults.IsOutage(e))
            {
                // The lease still has minutes left: try again soon rather than at the next renewal.
                status.StorageFailed(_queueName, e);
                wait = OutageBackoffMax;
            }
            catch (Exception e)
            {
                LogCompletionFailed(logger, e, function.Name, message.MessageId, e is RequestFailedException failed ? failed.Status : 0);
                return;
            }
        }
    }

    private Task ReleaseAsync(QueueMessage message, string popReceipt, TimeSpan visibility) =>
        queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, string why, CancellationToken abort)
    {
        // Copy first, then delete: a crash in between leaves a duplicate in poison, never a lost message.
        await CompleteAsync(() => poisonQueue.SendMessageAsync(message.MessageText, CancellationToken.None), abort).ConfigureAwait(false);
        await CompleteAsync(() => queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None), abort).ConfigureAwait(false);
        LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount, why);
        LeadIntakeTelemetry.Poisoned(_queueName);
    }

    /// <summary>
    /// Runs a delete, visibility update or poison copy; while storage is out, tries again with back-off until it
    /// answers, the lease ends (the pop receipt is worthless then) or shutdown aborts. Any other failure is thrown.
    /// </summary>
    private async Task CompleteAsync(Func<Task> operation, CancellationToken abort, bool once = false)
    {
        var giveUpAt = time.GetUtcNow() + Lease;
        var backoff = OutageBackoffStart;
        while (true)
        {
            try
            {
                await operation().ConfigureAwait(false);
                status.StorageAnswered(_queueName);
                return;
            }
            catch (Exception e) when (!once && StorageFaults.IsOutage(e) && !abort.IsCancellationRequested && time.GetUtcNow() < giveUpAt)
            {
                status.StorageFailed(_queueName, e);
            }
            await WaitQuietlyAsync(Task.Delay(Jittered(backoff), time, abort)).ConfigureAwait(false);
            backoff = Doubled(backoff, OutageBackoffMax);
        }
    }

    private async Task RecreateQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The queue itself is gone (storage came back empty): make it again so producers and this loop can go on.
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReceiveFailed(logger, e, _queueName);
        }
    }

    private static TimeSpan Jittered(TimeSpan delay) =>
        TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    private static TimeSpan Doubled(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));

    private static async Task WaitQuietlyAsync(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // Debug: the outage itself is logged once by QueueRuntimeStatus; this line per attempt is for diagnosis only.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Receiving from queue {Queue} failed; retrying with back-off")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Function {Function} met a storage outage on message {MessageId} (attempt {DequeueCount}); it will be delivered again")]
    private static partial void LogFunctionFailedInOutage(ILogger logger, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Function {Function}: message {MessageId} moved to poison after {DequeueCount} attempts ({Why})")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string why);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Function {Function}: message {MessageId} released on shutdown")]
    private static partial void LogReleasedOnShutdown(ILogger logger, string function, string messageId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Function {Function}: completing message {MessageId} failed with status {Status}; it will be delivered again")]
    private static partial void LogCompletionFailed(ILogger logger, Exception exception, string function, string messageId, int status);
}
