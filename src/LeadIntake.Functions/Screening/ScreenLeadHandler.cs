using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Loads the lead, asks the screening decider, saves the decision with its audit event, and queues an MQL for
/// dispatch. A redelivery that finds the lead already screened re-emits the dispatch message and stops (STYLE 11).
/// </summary>
public sealed partial class ScreenLeadHandler(ILeadStore store, IPipelineQueue queue, TimeProvider time, ILogger<ScreenLeadHandler> logger)
{
    public async Task HandleAsync(LeadId id, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // The lead is stored before its message is sent, so an unknown id can never succeed.
                LogUnknownLead(logger, id.Value);
                return;
            }
            var lead = stored.Lead;
            if (lead.Status != LeadStatus.Captured)
            {
                if (lead.Status == LeadStatus.Mql) await queue.EnqueueAsync(PipelineQueue.Dispatch, id, cancellationToken).ConfigureAwait(false);
                return;
            }

            var now = time.GetUtcNow();
            var outcome = LeadScreener.Screen(lead, ScreeningContext.Default, now);
            if (LeadLifecycle.Decide(lead.Status, outcome.Trigger) is not TransitionOutcome.Advanced advanced) return;
            var decision = outcome.Decision;
            var updated = lead.MovedTo(advanced.To, now) with { Intent = decision.Intent, Screening = decision };
            var screened = new LeadEvent("screened", now, "screening",
                $"intent={WireNames.Of(decision.Intent)} confidence={decision.Confidence:0.00} spamScore={decision.SpamScore:0.00} rules={decision.RulesVersion}");
            try
            {
                await store.SaveAsync(stored, updated, [screened], cancellationToken).ConfigureAwait(false);
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                continue;
            }
            LeadIntakeTelemetry.LeadScreened(WireNames.Of(decision.Intent));
            LogScreened(logger, id.Value, decision.Intent, advanced.To);
            if (advanced.To == LeadStatus.Mql) await queue.EnqueueAsync(PipelineQueue.Dispatch, id, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Lead {LeadId} screened: {Intent} → {Status}")]
    private static partial void LogScreened(ILogger logger, string leadId, LeadIntent intent, LeadStatus status);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for screening; message completed")]
    private static partial void LogUnknownLead(ILogger logger, string leadId);
}
