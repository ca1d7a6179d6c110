using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Timer, every 30 seconds: the acceptance SLA of assigned leads (remind, reassign, escalate).</summary>
public sealed class WatchLeadSla(SlaWatchHandler handler) : ITimerFunction
{
    public static FunctionDeclaration Declaration { get; } = new("WatchLeadSla", new TimerTrigger("*/30 * * * * *"));

    public Task RunAsync(CancellationToken cancellationToken) => handler.RunAsync(cancellationToken);
}
