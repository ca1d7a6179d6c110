using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Timer, every minute: queues a lead left in <c>captured</c> again only when its screening message is really missing
/// (docs/reliability.md, "The sweeper"). Every lead row carries when it was last queued (<c>QueuedAt</c>, written with
/// the lead); a lead is queued again only once that is older than the re-queue interval, the longest a message can
/// legitimately take: <c>Intake:SweepAfter</c>, and at least the queue's lease period (<c>Intake:SweepLeasePeriod</c>,
/// by default visibilityTimeout × maxDequeueCount, the time a failing message takes to reach the poison queue). The
/// mark moves forward with the row's ETag before the message is sent, so a lead is queued again at most once per
/// interval, by one sweeper, and never after a stage has moved it on. While more messages than
/// <c>Intake:SweepSkipAboveDepth</c> wait for screening the run is skipped: in a backlog the messages are there, late.
/// </summary>
internal sealed partial class SweepCapturedLeads(
    IStrandedLeads stranded,
    IPipelineQueue queue,
    IOptionsMonitor<IntakeOptions> options,
    IOptions<QueueRuntimeOptions> queueOptions,
    TimeProvider time,
    ILogger<SweepCapturedLeads> logger)
{
    // A few at a time: thousands of stranded leads after an outage are queued in seconds, without a burst of thousands.
    private const int Parallelism = 8;

    /// <summary>How long a queued lead may stay <c>captured</c> before its message counts as missing.</summary>
    public static TimeSpan RequeueInterval(IntakeOptions intake, QueueRuntimeOptions queues)
    {
        var lease = intake.SweepLeasePeriod ?? queues.VisibilityTimeout * queues.MaxDequeueCount;
        return intake.SweepAfter > lease ? intake.SweepAfter : lease;
    }

    [Function(nameof(SweepCapturedLeads))]
    public async Task RunAsync([TimerTrigger("0 * * * * *", UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        int depth = await queue.ApproximateDepthAsync(PipelineQueue.Captured, cancellationToken).ConfigureAwait(false);
        if (depth > settings.SweepSkipAboveDepth)
        {
            LogSkipped(logger, depth);
            return;
        }
        int requeued = 0, moved = 0;
        var queuedBefore = now - RequeueInterval(settings, queueOptions.Value);
        await Parallel.ForEachAsync(
            stranded.FindAsync(now - settings.SweepLookback, queuedBefore, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (lead, ct) =>
            {
                // Mark first: if the send then fails, the lead is found again one interval later, not lost.
                if (!await stranded.TryMarkQueuedAsync(lead, now, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref moved);
                    return;
                }
                await queue.EnqueueAsync(PipelineQueue.Captured, lead.Id, ct).ConfigureAwait(false);
                Interlocked.Increment(ref requeued);
            }).ConfigureAwait(false);
        if (requeued > 0 || moved > 0) LogRequeued(logger, requeued, moved);
    }

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Sweeper queued {Count} lead(s) whose screening message was missing ({Moved} moved on meanwhile)")]
    private static partial void LogRequeued(ILogger logger, int count, int moved);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Sweeper skipped: {Depth} message(s) wait for screening")]
    private static partial void LogSkipped(ILogger logger, int depth);
}
