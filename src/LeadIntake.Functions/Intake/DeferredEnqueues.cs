using System.Threading.Channels;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Stored leads whose enqueue for screening failed (the queue service was out while tables answered, or the request's
/// storage deadline cut it short) are queued again by this instance as soon as the queue answers, with back-off from
/// 0.5 s to 5 s, instead of waiting for <see cref="SweepCapturedLeads"/> (<c>Intake:SweepAfter</c>, minutes). Best effort
/// and in memory: a lead this instance could not queue before it stopped is still found by the sweeper. A lead queued
/// twice is screened once (the stage is idempotent).
/// </summary>
internal sealed partial class DeferredEnqueues(
    IPipelineQueue queue,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<DeferredEnqueues> logger) : BackgroundService
{
    // Past this many waiting leads the newest are left to the sweeper: memory stays bounded during a long outage.
    private const int Capacity = 50_000;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    private readonly System.Threading.Channels.Channel<LeadId> _pending = System.Threading.Channels.Channel.CreateBounded<LeadId>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    /// <summary>Queues <paramref name="leadId"/> again later; false when this instance leaves it to the sweeper.</summary>
    public bool Defer(LeadId leadId) => options.Value.RetryFailedEnqueues && _pending.Writer.TryWrite(leadId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A few at a time: after an outage the backlog of one instance drains in seconds, without a burst of hundreds.
            await Parallel.ForEachAsync(
                _pending.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                EnqueueUntilDoneAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what is left is the sweeper's
        }
    }

    private async ValueTask EnqueueUntilDoneAsync(LeadId leadId, CancellationToken cancellationToken)
    {
        var wait = FirstRetry;
        for (int attempt = 1; ; attempt++)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            try
            {
                await queue.EnqueueAsync(PipelineQueue.Captured, leadId, cancellationToken).ConfigureAwait(false);
                LogQueued(logger, leadId.Value, attempt);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogStillFailing(logger, e, leadId.Value, attempt);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Lead {LeadId} queued for screening after a failed enqueue (attempt {Attempt})")]
    private static partial void LogQueued(ILogger logger, string leadId, int attempt);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Lead {LeadId}: queueing for screening failed again (attempt {Attempt})")]
    private static partial void LogStillFailing(ILogger logger, Exception exception, string leadId, int attempt);
}
