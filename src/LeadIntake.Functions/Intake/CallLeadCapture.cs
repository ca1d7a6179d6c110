using System.Text.Json;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Folds one call event into the lead of its call. The call key is claimed by insert in <c>IntakeKeys</c>
/// (<c>{provider}|call</c> + CallKey → lead id), so every event of a call, in any order, lands on one lead; the
/// delivery is claimed in the delivery ledger so a repeated callback changes nothing. The lead is created by the first
/// event and updated with its ETag by later ones (412 → reload and merge again). When it enters the pipeline:
/// <see cref="CallPipelineEntry"/>.
/// </summary>
public sealed class CallLeadCapture(
    ILeadStore store,
    IIntakeKeys intakeKeys,
    IDeliveryLedger deliveries,
    IPipelineQueue queue,
    DeferredEnqueues deferred,
    WebhookLeadCapture raw,
    TimeProvider time,
    ILogger<CallLeadCapture> logger)
{
    private const int MaxAttempts = 3;

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
        bool reportsEnd = CallPipelineEntry.ReportsEnd(callEvent.Provider);
        for (int attempt = 1; ; attempt++)
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                var first = CallLeadMerge.Merge(null, callEvent);
                var (lead, captured) = Lead.Capture(first, id, now);
                if (await store.TryCreateAsync(lead, captured, cancellationToken).ConfigureAwait(false))
                {
                    return (lead, true, CallPipelineEntry.ShouldEnqueue(null, first.Call!, reportsEnd));
                }
                // Another event of the same call created it first: merge into that one.
            }
            else
            {
                var before = stored.Lead.Captured;
                var after = CallLeadMerge.Merge(before, callEvent);
                if (SameData(before, after)) return (stored.Lead, false, false);
                var updated = stored.Lead with { Captured = after };
                var change = new LeadEvent(LeadEventType.CallUpdated, now, "intake", $"call/{callEvent.Provider}/{after.Call!.State.ToString().ToLowerInvariant()}");
                try
                {
                    var saved = await store.SaveAsync(stored, updated, [change], cancellationToken).ConfigureAwait(false);
                    bool enqueue = saved.Lead.Status == LeadStatus.Captured && CallPipelineEntry.ShouldEnqueue(before.Call, after.Call!, reportsEnd);
                    return (saved.Lead, false, enqueue);
                }
                catch (LeadChangedConcurrentlyException) when (attempt < MaxAttempts)
                {
                    // Someone saved first (another callback, screening): reload and merge again.
                }
            }
            if (attempt >= MaxAttempts) throw new LeadChangedConcurrentlyException(id);
        }
    }

    private static bool SameData(CapturedLead a, CapturedLead b) =>
        JsonSerializer.Serialize(a, LeadJson.Options) == JsonSerializer.Serialize(b, LeadJson.Options);
}

/// <summary>What a call event did: the lead's id and status, whether it was a repeated delivery, whether it created the lead.</summary>
public sealed record CallCaptureResult(CaptureResult Capture, bool Created);
