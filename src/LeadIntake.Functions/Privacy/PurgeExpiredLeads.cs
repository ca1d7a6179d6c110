using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// Timer, daily (<c>Privacy__Retention__Schedule</c>, default 04:00 UTC): purges the personal data whose retention
/// period ran out and deletes old raw payloads (<see cref="RetentionRun"/>; docs/privacy.md, "Retention").
/// </summary>
internal sealed class PurgeExpiredLeads(RetentionRun run)
{
    [Function(nameof(PurgeExpiredLeads))]
    public Task RunAsync([TimerTrigger("%" + RetentionOptions.ScheduleSetting + "%", UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(cancellationToken);
}
