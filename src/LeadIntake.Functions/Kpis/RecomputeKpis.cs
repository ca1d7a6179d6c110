using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>Timer, daily at 02:30 UTC: recomputes the current and the previous month from the event log and corrects drift.</summary>
internal sealed class RecomputeKpis(KpiRecomputation recomputation, KpiCalendarSource calendars, TimeProvider time)
{
    [Function(nameof(RecomputeKpis))]
    public Task RunAsync([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var current = calendars.Calendar.MonthOf(time.GetUtcNow());
        return recomputation.RunAsync([current.AddMonths(-1), current], cancellationToken);
    }
}
