using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Runs one queue-triggered function with the Functions queue-trigger semantics (functions-facts §3):
/// batches of <c>batchSize</c>, a new batch when in-flight work drops to <c>newBatchThreshold</c>, random exponential
/// back-off up to <c>maxPollingInterval</c> while idle, a 10-minute lease renewed while the function runs,
/// <c>visibilityTimeout</c> after a failure, and after <c>maxDequeueCount</c> attempts the message moves to
/// <c>&lt;queue&gt;-poison</c> with its content intact. On shutdown it stops fetching, lets in-flight messages finish
/// for <c>DrainTimeout</c>, and makes the rest visible again at once: nothing is lost.
/// </summary>
public sealed partial class QueueListener(
    FunctionDeclaration function,
    QueueClient queue,
    QueueClient poisonQueue,
    Func<QueueInvocation, CancellationToken, Task> invoke,
    QueueRuntimeOptions options,
    QueueWakeSignals wakeSignals,
    TimeProvider time,
    ILogger logger)
{
    // The host takes messages with a 10-minute invisibility and renews it while the function runs (QueueListener.cs).
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LeaseRenewal = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueMessageCodec _codec = new(options.Base64);
    private readonly string _queueName = queue.Name;
    private int _inFlight;
    private readonly SemaphoreSlim _completed = new(0, int.MaxValue);

    /// <summary>Polls until <paramref name="stopping"/> fires, then drains. Handlers see <paramref name="abort"/>, which fires after the drain timeout.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var running = new List<Task>();
        var delay = MinimumPollingInterval;
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
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                LogReceiveFailed(logger, e, _queueName, e.Status);
                messages = [];
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
            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
            await WaitQuietlyAsync(wakeSignals.WaitAsync(_queueName, jittered, stopping)).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(options.MaxPollingInterval.Ticks, MinimumPollingInterval.Ticks)));
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
                await MoveToPoisonAsync(message, popReceipt, "dequeue count over the limit").ConfigureAwait(false);
                return;
            }
            if (!_codec.TryDecode(message.MessageText, out var text))
            {
                // Can never succeed: poison at once, content intact, so an operator can see what arrived.
                await MoveToPoisonAsync(message, popReceipt, "not valid " + options.MessageEncoding).ConfigureAwait(false);
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
                await ReleaseAsync(message, popReceipt, TimeSpan.Zero).ConfigureAwait(false);
                LogReleasedOnShutdown(logger, function.Name, message.MessageId);
                return;
            }
            catch (Exception e)
            {
                succeeded = false;
                LogFunctionFailed(logger, e, function.Name, message.MessageId, message.DequeueCount);
            }
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewTask.ConfigureAwait(false);

            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, popReceipt, "failed maxDequeueCount times").ConfigureAwait(false);
            }
            else
            {
                await ReleaseAsync(message, popReceipt, options.VisibilityTimeout).ConfigureAwait(false);
                LeadIntakeTelemetry.Retried(_queueName);
            }
        }
        catch (RequestFailedException e)
        {
            // Lost the lease (another instance took the message after it became visible) or storage failed:
            // the message will be seen again; the function is idempotent.
            LogCompletionFailed(logger, e, function.Name, message.MessageId, e.Status);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _completed.Release();
        }
    }

    private async Task RenewLeaseAsync(QueueMessage message, Func<string> receipt, Action<string> setReceipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseRenewal, time, cancellationToken).ConfigureAwait(false);
                var updated = await queue.UpdateMessageAsync(message.MessageId, receipt(), visibilityTimeout: Lease, cancellationToken: cancellationToken).ConfigureAwait(false);
                setReceipt(updated.Value.PopReceipt);
            }
        }
        catch (OperationCanceledException)
        {
            // the function finished
        }
        catch (RequestFailedException e)
        {
            LogCompletionFailed(logger, e, function.Name, message.MessageId, e.Status);
        }
    }

    private Task ReleaseAsync(QueueMessage message, string popReceipt, TimeSpan visibility) =>
        queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, string why)
    {
        // Copy first, then delete: a crash in between leaves a duplicate in poison, never a lost message.
        await poisonQueue.SendMessageAsync(message.MessageText, CancellationToken.None).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
        LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount, why);
        LeadIntakeTelemetry.Poisoned(_queueName);
    }

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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Receiving from queue {Queue} failed with status {Status}")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue, int status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Function {Function}: message {MessageId} moved to poison after {DequeueCount} attempts ({Why})")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string why);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Function {Function}: message {MessageId} released on shutdown")]
    private static partial void LogReleasedOnShutdown(ILogger logger, string function, string messageId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Function {Function}: completing message {MessageId} failed with status {Status}; it will be delivered again")]
    private static partial void LogCompletionFailed(ILogger logger, Exception exception, string function, string messageId, int status);
}
