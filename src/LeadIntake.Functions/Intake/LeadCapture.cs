using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// The intake handler every channel ends in: claim the provider event (idempotency), store the lead in
/// <c>captured</c> with its first event, then queue it for screening. The lead is durable before the caller gets an
/// answer; if the enqueue fails the caller still gets its id and the lead is queued again later (DeferredEnqueues, then the sweeper).
/// </summary>
internal sealed partial class LeadCapture(
    ILeadStore store,
    IIntakeKeys intakeKeys,
    IPipelineQueue queue,
    DeferredEnqueues deferred,
    IOptionsMonitor<Privacy.PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<LeadCapture> logger)
{
    private static readonly TimeSpan EnqueueBudget = TimeSpan.FromSeconds(3);

    public async Task<CaptureResult> CaptureAsync(CapturedLead captured, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = LeadId.New(now);
        // Purposes, provenance and notice are recorded with the lead itself, in the same write (docs/privacy.md).
        captured = captured with { Privacy = captured.Privacy ?? LeadPrivacyStamp.For(captured, privacy.CurrentValue.ToPolicy(), now) };
        if (captured.ProviderEventId is { } eventId)
        {
            var claimed = await intakeKeys.ClaimAsync(captured.Provider, eventId, id, cancellationToken).ConfigureAwait(false);
            if (claimed != id)
            {
                var existing = await store.FindAsync(claimed, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    LeadIntakeTelemetry.TagLead(claimed.Value);
                    LogDuplicate(logger, claimed.Value, captured.Provider);
                    return new CaptureResult(claimed, existing.Lead.Status, Duplicate: true);
                }
                // An earlier delivery claimed the event but died before storing the lead: finish its work now.
                id = claimed;
            }
        }

        LeadIntakeTelemetry.TagLead(id.Value);
        var (lead, firstEvent) = Lead.Capture(captured, id, now);
        if (!await store.TryCreateAsync(lead, firstEvent, cancellationToken).ConfigureAwait(false))
        {
            var existing = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            return new CaptureResult(id, existing?.Lead.Status ?? LeadStatus.Captured, Duplicate: true);
        }
        LeadIntakeTelemetry.LeadCaptured(Core.Leads.WireNames.Of(captured.Channel), captured.Provider);
        LogCaptured(logger, id.Value, captured.Provider);

        try
        {
            // The lead is stored: the enqueue gets a short budget of its own rather than what is left of the request's
            // deadline, so a slow storage doesn't leave every lead to the sweeper (minutes) after a burst of retries.
            using var budget = new CancellationTokenSource(EnqueueBudget, time);
            await queue.EnqueueAsync(PipelineQueue.Captured, id, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The lead is stored: answering 202 is right, even when the intake deadline cut the enqueue short (a 503
            // would make a form resend a lead we have). This instance queues it as soon as the queue answers again;
            // SweepCapturedLeads is the safety net once Intake:SweepAfter has passed.
            LogEnqueueFailed(logger, e, id.Value);
            deferred.Defer(id);
        }
        return new CaptureResult(id, LeadStatus.Captured, Duplicate: false);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Lead {LeadId} captured from {Provider}")]
    private static partial void LogCaptured(ILogger logger, string leadId, string provider);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Repeated delivery from {Provider} recognised as lead {LeadId}")]
    private static partial void LogDuplicate(ILogger logger, string leadId, string provider);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Lead {LeadId} is stored but could not be queued for screening; it is queued again when the queue answers (the sweeper is the safety net)")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, string leadId);
}
