using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// The end of every one-event-one-lead webhook (email, social): turn the parser's outcome into an answer, capture a
/// parsed lead (claim, store, queue) and keep the raw payload next to it.
/// </summary>
internal sealed class WebhookLeadCapture(LeadCapture capture, IRawPayloadStore raw, ILogger<WebhookLeadCapture> logger)
{
    public async Task<IntakeAnswer> AnswerAsync(string provider, ParseOutcome<CapturedLead> outcome, RawPayload payload, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ParseOutcome<CapturedLead>.Invalid invalid:
                return Problems.Invalid(invalid.Errors);
            case ParseOutcome<CapturedLead>.Ignored ignored:
                CaptureLog.Ignored(logger, provider, ignored.Reason);
                return IntakeResponses.Ignored(ignored.Reason);
            default:
                var result = await CaptureAsync(((ParseOutcome<CapturedLead>.Parsed)outcome).Value, payload, cancellationToken).ConfigureAwait(false);
                return IntakeResponses.Captured(result);
        }
    }

    public async Task<CaptureResult> CaptureAsync(CapturedLead lead, RawPayload payload, CancellationToken cancellationToken)
    {
        var result = await capture.CaptureAsync(lead, cancellationToken).ConfigureAwait(false);
        if (!result.Duplicate) await SaveRawAsync(result.Id, lead.ProviderEventId ?? result.Id.Value, payload, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The raw payload is audit data: failing to keep it must not fail a capture whose lead is already stored.</summary>
    public async Task SaveRawAsync(LeadId id, string deliveryKey, RawPayload payload, CancellationToken cancellationToken)
    {
        try
        {
            await raw.SaveAsync(id, deliveryKey, payload.ContentType, payload.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Including the intake deadline: the lead is stored, so the caller gets its answer.
            CaptureLog.RawPayloadFailed(logger, e, id.Value);
        }
    }
}

/// <summary>The bytes as delivered and their media type.</summary>
internal sealed record RawPayload(string? ContentType, ReadOnlyMemory<byte> Body);
