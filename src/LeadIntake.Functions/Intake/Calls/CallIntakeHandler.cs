using System.Text.Json;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake.Forms;

namespace LeadIntake.Functions.Intake.Calls;

/// <summary>
/// Phone call webhooks: Twilio (urlencoded, <c>X-Twilio-Signature</c>), Aircall (JSON, body token), ACS IncomingCall
/// through Event Grid (validation handshake, then event arrays), and a generic JSON format. Each event is merged into
/// the one lead of its call by <see cref="CallLeadCapture"/>.
/// </summary>
internal sealed class CallIntakeHandler(
    CallLeadCapture calls,
    IOptionsSnapshot<IntakeOptions> intake,
    IOptionsSnapshot<TwilioOptions> twilio,
    IOptionsSnapshot<AircallOptions> aircall,
    IIntakeKeys intakeKeys,
    PipelineBacklog backlog,
    ILogger<CallIntakeHandler> logger)
{
    /// <summary>Twilio's voice URL expects TwiML; an empty response ends the call politely (Twilio reads it as "nothing to do").</summary>
    public const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    public const string LeadIdHeader = "X-Lead-Id";

    public static IReadOnlyList<string> Providers { get; } = [TwilioCallParser.Provider, AircallCallParser.Provider, AcsIncomingCallParser.Provider, GenericCallParser.Provider];

    public async Task<CallAnswer> HandleAsync(string provider, HttpRequest request, CancellationToken cancellationToken)
    {
        provider = provider.ToLowerInvariant();
        if (!Providers.Contains(provider)) return (IntakeAnswer)WebhookRequest.UnknownProvider(provider, Providers);
        var media = WebhookRequest.MediaTypeOf(request);
        bool twilioCall = provider == TwilioCallParser.Provider;
        // Twilio posts urlencoded webhooks, or JSON bodies signed through a bodySHA256 URL parameter (docs/providers.md, 'Twilio: signature').
        bool twilioJson = twilioCall && WebhookRequest.IsJson(media);
        if (twilioCall ? !(twilioJson || WebhookRequest.Is(media, WebhookRequest.UrlEncoded)) : !WebhookRequest.IsJson(media))
        {
            return (IntakeAnswer)(twilioCall
                ? Problems.UnsupportedMediaType(request.ContentType, WebhookRequest.UrlEncoded, WebhookRequest.Json)
                : Problems.UnsupportedMediaType(request.ContentType, WebhookRequest.Json));
        }
        if (!(await WebhookRequest.ReadAsync(request, intake.Value.MaxWebhookBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return (IntakeAnswer)unreadable;
        var payload = new RawPayload(request.ContentType, body);
        var region = WebhookRequest.Normalise(intake.Value.DefaultRegion);
        if (twilioCall) return await TwilioAsync(request, body, twilioJson, payload, region, cancellationToken);

        if (!WebhookRequest.ParseJson(body).TryValue(out var document, out var malformed)) return (IntakeAnswer)malformed;
        using (document)
        {
            var root = document.RootElement;
            switch (provider)
            {
                case "aircall":
                    if (aircall.Value.Token is { Length: > 0 } token)
                    {
                        var verdict = AircallToken.Verify(token, root.ValueKind == JsonValueKind.Object ? AircallCallParser.TokenOf(root) : null);
                        if (verdict != SignatureVerdict.Valid) return (IntakeAnswer)WebhookRequest.Unauthorized(logger, provider, verdict, "token");
                    }
                    return await AnswerAsync(provider, AircallCallParser.Parse(root, region), payload, cancellationToken);
                case "acs":
                    return await EventGridAsync(AcsIncomingCallParser.Parse(root, region), payload, cancellationToken);
                default:
                    return await AnswerAsync(provider, GenericCallParser.Parse(root, region), payload, cancellationToken);
            }
        }
    }

    private async Task<TwilioAnswer> TwilioAsync(HttpRequest request, byte[] body, bool json, RawPayload payload, string? region, CancellationToken cancellationToken)
    {
        if (!(json ? JsonParameters(body) : await WebhookRequest.ReadUrlEncodedAsync(body, cancellationToken)).TryValue(out var parameters, out var problem)) return problem;
        if (twilio.Value.AuthToken is { Length: > 0 } authToken)
        {
            // Twilio signs the URL as configured at Twilio: our public base URL, never the Host header (docs/providers.md, 'Rules for every provider').
            var url = intake.Value.PublicBaseUrl.TrimEnd('/') + request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
            var signature = request.Headers[TwilioSignature.HeaderName].FirstOrDefault();
            var verdict = json
                ? TwilioSignature.VerifyJson(authToken, url, body, signature)
                : TwilioSignature.VerifyForm(authToken, url, parameters, signature);
            if (verdict != SignatureVerdict.Valid) return WebhookRequest.Unauthorized(logger, TwilioCallParser.Provider, verdict, TwilioSignature.HeaderName);
            // Twilio's signature has no timestamp, and it signs the parameters concatenated without separators
            // ("a=bc" and "ab=c" sign alike): remember which delivery used it, so a replay is the same delivery
            // (the delivery ledger answers with the same lead) or refused, never a new lead.
            var delivery = json ? "json:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)) : "form:" + CanonicalForm(parameters);
            var use = await intakeKeys.RecordSignatureAsync(TwilioCallParser.Provider, signature!.Trim(), delivery, null, cancellationToken);
            if (use == SignatureUse.Replayed) return WebhookRequest.Unauthorized(logger, TwilioCallParser.Provider, SignatureVerdict.Replayed, TwilioSignature.HeaderName);
        }
        switch (TwilioCallParser.Parse(parameters, region))
        {
            case ParseOutcome<CallEvent>.Invalid invalid:
                return Problems.Invalid(invalid.Errors);
            case ParseOutcome<CallEvent>.Ignored ignored:
                CaptureLog.Ignored(logger, TwilioCallParser.Provider, ignored.Reason);
                return TypedResults.Text(EmptyTwiml, "text/xml");
            case ParseOutcome<CallEvent>.Parsed parsed:
                // A status, recording or transcription callback can wait: Twilio delivers it again after a 503 when its
                // URL carries a retry connection override (docs/reliability.md, "Back-pressure"). The voice URL request
                // has a caller on the line who would hear an error instead: it is always stored.
                if (parsed.Value.Kind != CallEventKind.Incoming && await backlog.ShouldTurnAwayAsync(TwilioCallParser.Provider)) return backlog.TurnAway();
                var result = await calls.CaptureAsync(parsed.Value, payload, cancellationToken);
                request.HttpContext.Response.Headers[LeadIdHeader] = result.Capture.Id.Value;
                // The voice URL request must get TwiML; status, recording and transcription callbacks only need a 2xx.
                return parsed.Value.Kind == CallEventKind.Incoming ? TypedResults.Text(EmptyTwiml, "text/xml") : TypedResults.NoContent();
            default:
                throw new InvalidOperationException("Unknown call event outcome.");
        }
    }

    /// <summary>The parameters with separators, in a fixed order: the same form however its pairs were ordered.</summary>
    private static string CanonicalForm(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        string.Join('&', parameters
            .Select(p => Uri.EscapeDataString(p.Key ?? string.Empty) + "=" + Uri.EscapeDataString(p.Value ?? string.Empty))
            .Order(StringComparer.Ordinal));

    /// <summary>A JSON Twilio callback as the same name/value pairs its urlencoded form carries (top-level scalars).</summary>
    private static ReadOutcome<List<KeyValuePair<string, string?>>> JsonParameters(byte[] body)
    {
        if (!WebhookRequest.ParseJson(body).TryValue(out var document, out var malformed)) return malformed;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Problems.Malformed("body", "A Twilio JSON callback must be an object.");
            var pairs = root.EnumerateObject()
                .Where(p => FormFieldsReader.IsScalar(p.Value))
                .Select(p => new KeyValuePair<string, string?>(p.Name, FormFieldsReader.Scalar(p.Value)))
                .ToList();
            return pairs;
        }
    }

    private async Task<IntakeAnswer> AnswerAsync(string provider, ParseOutcome<CallEvent> outcome, RawPayload payload, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ParseOutcome<CallEvent>.Invalid invalid:
                return Problems.Invalid(invalid.Errors);
            case ParseOutcome<CallEvent>.Ignored ignored:
                CaptureLog.Ignored(logger, provider, ignored.Reason);
                return IntakeResponses.Ignored(ignored.Reason);
            case ParseOutcome<CallEvent>.Parsed parsed:
                // A status, recording or transcription callback can wait: Twilio delivers it again after a 503 when its
                // URL carries a retry connection override (docs/reliability.md, "Back-pressure"). The voice URL request
                // has a caller on the line who would hear an error instead: it is always stored.
                if (parsed.Value.Kind != CallEventKind.Incoming && await backlog.ShouldTurnAwayAsync(TwilioCallParser.Provider)) return backlog.TurnAway();
                var result = await calls.CaptureAsync(parsed.Value, payload, cancellationToken);
                return result.Created ? IntakeResponses.Captured(result.Capture) : IntakeResponses.Updated(result.Capture);
            default:
                throw new InvalidOperationException("Unknown call event outcome.");
        }
    }

    private async Task<CallAnswer> EventGridAsync(EventGridCallOutcome outcome, RawPayload payload, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case EventGridCallOutcome.Validation validation:
                // Event Grid wants exactly 200 with {"validationResponse": code} (202 is refused; docs/providers.md, 'Event Grid validation handshake').
                return TypedResults.Ok(validation.Response);
            case EventGridCallOutcome.Invalid invalid:
                return (IntakeAnswer)Problems.Invalid(invalid.Errors);
            case EventGridCallOutcome.Calls batch:
                var results = new List<CaptureResult>(batch.Events.Count);
                foreach (var callEvent in batch.Events)
                {
                    results.Add((await calls.CaptureAsync(callEvent, payload, cancellationToken)).Capture);
                }
                return (IntakeAnswer)IntakeResponses.Batch(results, batch.IgnoredCount);
            default:
                throw new InvalidOperationException("Unknown Event Grid outcome.");
        }
    }
}
