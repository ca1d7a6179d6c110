using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Intake.Social;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake.Social;

/// <summary>
/// Social lead ads: Meta Lead Ads notifications (signature, then each lead fetched from the Graph API) and a generic
/// JSON format (LinkedIn Lead Sync relays, Zapier, TikTok…).
/// </summary>
internal sealed class SocialIntakeHandler(
    WebhookLeadCapture capture,
    MetaGraphClient graph,
    IOptionsSnapshot<IntakeOptions> intake,
    IOptionsSnapshot<MetaOptions> meta,
    IIntakeKeys intakeKeys,
    PipelineBacklog backlog,
    ILogger<SocialIntakeHandler> logger)
{
    public const string GenericProvider = "generic";

    public static IReadOnlyList<string> Providers { get; } = [MetaLeadParser.Provider, GenericProvider];

    public async Task<IntakeAnswer> HandleAsync(string provider, HttpRequest request, CancellationToken cancellationToken)
    {
        provider = provider.ToLowerInvariant();
        if (!Providers.Contains(provider)) return WebhookRequest.UnknownProvider(provider, Providers);
        // Meta retries a failed notification for about 36 h; the generic relays (Zapier, LinkedIn relays) may not.
        if (await backlog.ShouldTurnAwayAsync(provider)) return backlog.TurnAway();
        if (!WebhookRequest.IsJson(WebhookRequest.MediaTypeOf(request))) return Problems.UnsupportedMediaType(request.ContentType, WebhookRequest.Json);
        if (!(await WebhookRequest.ReadAsync(request, intake.Value.MaxWebhookBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        if (provider == MetaLeadParser.Provider && meta.Value.AppSecret is { Length: > 0 } secret)
        {
            // Meta signs the bytes as sent (\u-escaped): verify before parsing, never over a re-serialisation.
            var verdict = MetaSignature.Verify(secret, body, request.Headers[MetaSignature.HeaderName].FirstOrDefault());
            if (verdict != SignatureVerdict.Valid) return WebhookRequest.Unauthorized(logger, provider, verdict, MetaSignature.HeaderName);
            // Meta's signature has no timestamp: a replay of a notification is the same body, hence the same delivery
            // (each lead is idempotent by its leadgen id). Recorded anyway, so any other body under it is refused.
            var signature = request.Headers[MetaSignature.HeaderName].FirstOrDefault()!.Trim().ToLowerInvariant();
            var delivery = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
            var use = await intakeKeys.RecordSignatureAsync(MetaLeadParser.Provider, signature, delivery, null, cancellationToken);
            if (use == SignatureUse.Replayed) return WebhookRequest.Unauthorized(logger, provider, SignatureVerdict.Replayed, MetaSignature.HeaderName);
        }
        if (!WebhookRequest.ParseJson(body).TryValue(out var document, out var malformed)) return malformed;
        var region = WebhookRequest.Normalise(intake.Value.DefaultRegion);
        using (document)
        {
            if (provider == GenericProvider)
            {
                return await capture.AnswerAsync(provider, GenericSocialParser.Parse(document.RootElement, region), new RawPayload(request.ContentType, body), cancellationToken);
            }
            switch (MetaLeadgenNotificationParser.Parse(document.RootElement))
            {
                case MetaNotificationOutcome.Invalid invalid:
                    return Problems.Invalid(invalid.Errors);
                case MetaNotificationOutcome.Ignored ignored:
                    CaptureLog.Ignored(logger, provider, ignored.Reason);
                    return IntakeResponses.Ignored(ignored.Reason);
                case MetaNotificationOutcome.Leads leads:
                    return await MetaLeadsAsync(leads, region, cancellationToken);
                default:
                    throw new InvalidOperationException("Unknown Meta notification outcome.");
            }
        }
    }

    /// <summary>
    /// Each lead is captured as soon as it is fetched (idempotent by leadgen id). A Graph failure fails the delivery with
    /// 502 so Meta retries it; the leads already captured answer "duplicate" on the retry.
    /// </summary>
    private async Task<IntakeAnswer> MetaLeadsAsync(MetaNotificationOutcome.Leads leads, string? region, CancellationToken cancellationToken)
    {
        var results = new List<CaptureResult>(leads.Refs.Count);
        int ignored = leads.IgnoredCount;
        foreach (var leadRef in leads.Refs)
        {
            var answer = await graph.FetchLeadAsync(leadRef.LeadgenId, cancellationToken);
            if (answer is GraphLeadAnswer.Failed failed)
            {
                CaptureLog.GraphFailed(logger, failed.Reason);
                return Problems.Field(StatusCodes.Status502BadGateway, "The lead could not be fetched from the Graph API; retry later.", "leadgen_id",
                    $"Fetching lead {leadRef.LeadgenId} failed ({failed.Reason}).");
            }
            var json = ((GraphLeadAnswer.Fetched)answer).Json;
            if (!WebhookRequest.ParseJson(json).TryValue(out var document, out _))
            {
                CaptureLog.GraphFailed(logger, "unreadable answer");
                return Problems.Field(StatusCodes.Status502BadGateway, "The Graph API answer can't be read; retry later.", "leadgen_id", $"Lead {leadRef.LeadgenId}: unreadable answer.");
            }
            using (document)
            {
                switch (MetaLeadParser.Parse(document.RootElement, leadRef, region))
                {
                    case ParseOutcome<CapturedLead>.Parsed parsed:
                        results.Add(await capture.CaptureAsync(parsed.Value, new RawPayload("application/json", json), cancellationToken));
                        break;
                    case ParseOutcome<CapturedLead>.Invalid invalid:
                        // A lead form without email or phone can never become usable: retrying would not help.
                        CaptureLog.GraphLeadUnusable(logger, invalid.Errors.Count);
                        ignored++;
                        break;
                    default:
                        ignored++;
                        break;
                }
            }
        }
        return IntakeResponses.Batch(results, ignored);
    }
}
