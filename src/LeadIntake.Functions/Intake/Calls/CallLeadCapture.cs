using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Intake.Calls;

/// <summary>
/// Folds one call event into the lead of its call. The call key is claimed by insert in <c>IntakeKeys</c>
/// (<c>{provider}|call</c> + CallKey → lead id), so every event of a call, in any order, lands on one lead; the
/// delivery is claimed in the delivery ledger so a repeated callback changes nothing. The lead is created by the first
/// event and updated by later ones through the stage runner (<see cref="CallLeadUpdate"/>: saved with the ETag, 412 → reload and merge once more). When it enters the pipeline:
/// <see cref="CallPipelineEntry"/>.
/// </summary>
internal sealed class CallLeadCapture(
    ILeadStore store,
    IIntakeKeys intakeKeys,
    IDeliveryLedger deliveries,
    IPipelineQueue queue,
    DeferredEnqueues deferred,
    WebhookLeadCapture raw,
    StageRunner runner,
    IOptionsMonitor<Privacy.PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<CallLeadCapture> logger)
{
    public async Task<CallCaptureResult> CaptureAsync(CallEvent callEvent, RawPayload payload, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = await intakeKeys.ClaimAsync(callEvent.Provider + "|call", callEvent.CallKey, LeadId.New(now), cancellationToken).ConfigureAwait(false);
        var claim = await deliveries.ClaimAsync(callEvent.Provider, callEvent.DeliveryKey, id, cancellationToken).ConfigureAwait(false);
        if (claim == DeliveryClaim.Applied)
        {
            var existing = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            CaptureLog.CallDuplicate(logger, callEvent.Provider, id.Value);
            return new CallCaptureResult(new CaptureResult(id, existing?.Lead.Status ?? LeadStatus.Captured, Duplicate: true), Created: false);
        }

        var (lead, created, enqueue) = await ApplyAsync(id, callEvent, now, cancellationToken).ConfigureAwait(false);
        await raw.SaveRawAsync(id, callEvent.DeliveryKey, payload, cancellationToken).ConfigureAwait(false);
        await deliveries.MarkAppliedAsync(callEvent.Provider, callEvent.DeliveryKey, id, cancellationToken).ConfigureAwait(false);
        if (enqueue)
        {
            try
            {
                await queue.EnqueueAsync(PipelineQueue.Captured, id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                CaptureLog.CallEnqueueFailed(logger, e, id.Value);
                deferred.Defer(id);
            }
        }
        CaptureLog.CallMerged(logger, callEvent.Provider, id.Value, created, enqueue);
        return new CallCaptureResult(new CaptureResult(id, lead.Status, Duplicate: false), created);
    }

    private async Task<(Lead Lead, bool Created, bool Enqueue)> ApplyAsync(LeadId id, CallEvent callEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var first = CallLeadMerge.Merge(null, callEvent);
            // Purposes, provenance and the IVR notice the caller heard, recorded when the call's lead is created.
            first = first with { Privacy = Core.Privacy.LeadPrivacyStamp.For(first, privacy.CurrentValue.ToPolicy(), now) };
            var (lead, captured) = Lead.Capture(first, id, now);
            if (await store.TryCreateAsync(lead, captured, cancellationToken).ConfigureAwait(false))
            {
                return (lead, true, CallPipelineEntry.ShouldEnqueue(null, first.Call!, CallPipelineEntry.ReportsEnd(callEvent.Provider)));
            }
            // Another event of the same call created it first: merge into that one.
            stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new LeadChangedConcurrentlyException(id);
        }

        // The runner saves with the ETag and, when another callback or screening saved first, merges once more into the
        // fresh lead; a second concurrent change propagates and the provider, answered 500, delivers the event again.
        // The pipeline entry is not left to the runner: it is queued after the raw payload and the delivery are recorded,
        // and a failed enqueue is deferred rather than failing a callback whose lead is stored.
        bool enqueue = false;
        var change = await runner.RunAsync(stored, "call_update", (lead, at) =>
        {
            var decision = CallLeadUpdate.Decide(lead, callEvent, at);
            enqueue = decision.Next.Any(step => step is NextStep.Enqueue);
            return decision with { Next = [] };
        }, cancellationToken).ConfigureAwait(false);
        return change switch
        {
            LeadChange.Applied applied => (applied.Lead, false, enqueue),
            LeadChange.Unchanged unchanged => (unchanged.Lead, false, false),
            _ => (stored.Lead, false, false),
        };
    }
}

/// <summary>What a call event did: the lead's id and status, whether it was a repeated delivery, whether it created the lead.</summary>
internal sealed record CallCaptureResult(CaptureResult Capture, bool Created);
