using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// Timer, daily at 03:00 UTC: an SQL, SAL or opportunity without progress for <c>Dispatch:RecycleAfter</c> (30 days)
/// goes back to nurture (<see cref="LeadRecycler.Recycle"/>). Idempotent: a recycled lead is no longer in those statuses.
/// </summary>
internal sealed partial class RecycleStaleLeads(
    ILeadStore store, StageRunner runner, IOptionsMonitor<DispatchOptions> options, TimeProvider time, ILogger<RecycleStaleLeads> logger)
{
    [Function(nameof(RecycleStaleLeads))]
    public async Task RunAsync([TimerTrigger("0 0 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var policy = new RecyclePolicy { StaleAfter = settings.RecycleAfter };
        var now = time.GetUtcNow();
        int recycled = 0;
        foreach (var status in (LeadStatus[])[LeadStatus.Sql, LeadStatus.Sal, LeadStatus.Opportunity])
        {
            var candidates = new List<StoredLead>();
            await foreach (var stored in store.FindInStatusAsync(status, now - settings.RecycleLookback, now.AddSeconds(1), cancellationToken).ConfigureAwait(false))
            {
                if (LeadRecycler.Recycle(stored.Lead, policy, now) is LeadChange.Applied) candidates.Add(stored);
            }
            foreach (var stored in candidates)
            {
                if (await runner.RunAsync(stored, "recycle", (lead, at) => LeadRecycler.Decide(lead, policy, at), cancellationToken).ConfigureAwait(false) is LeadChange.Applied) recycled++;
            }
        }
        if (recycled > 0) LogRecycled(logger, recycled);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Recycler moved {Count} stale lead(s) to nurture")]
    private static partial void LogRecycled(ILogger logger, int count);
}
