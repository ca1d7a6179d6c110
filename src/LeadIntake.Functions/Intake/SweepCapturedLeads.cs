using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Timer, every minute: queues again every lead left in <c>captured</c> longer than <c>Intake:SweepAfter</c>
/// (its enqueue failed after it was stored and the instance could not queue it again, or its message was lost).
/// Screening is idempotent, so a lead that was merely slow costs one extra no-op message; while the screening queue is
/// deeper than <c>Intake:SweepSkipAboveDepth</c> the run is skipped, so that a backlog is not multiplied by the sweeper.
/// </summary>
internal sealed partial class SweepCapturedLeads(
    ILeadStore store,
    IPipelineQueue queue,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time,
    ILogger<SweepCapturedLeads> logger)
{
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
        int requeued = 0;
        await foreach (var lead in store.FindCapturedAsync(now - settings.SweepLookback, now - settings.SweepAfter, cancellationToken).ConfigureAwait(false))
        {
            await queue.EnqueueAsync(PipelineQueue.Captured, lead.Id, cancellationToken).ConfigureAwait(false);
            requeued++;
        }
        if (requeued > 0) LogRequeued(logger, requeued);
    }

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Sweeper queued {Count} lead(s) left in captured")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Sweeper skipped: {Depth} message(s) wait for screening")]
    private static partial void LogSkipped(ILogger logger, int depth);
}
