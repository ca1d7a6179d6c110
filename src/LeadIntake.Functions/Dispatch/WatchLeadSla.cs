using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Timer, every 30 seconds: the acceptance SLA of assigned leads (remind, reassign, escalate).</summary>
internal sealed class WatchLeadSla(SlaWatchHandler handler)
{
    [Function(nameof(WatchLeadSla))]
    public Task RunAsync([TimerTrigger("*/30 * * * * *", UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken) => handler.RunAsync(cancellationToken);
}
