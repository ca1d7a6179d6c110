using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// Twilio Programmable Voice webhooks (form-encoded POST, or GET with the same query parameters; docs/providers.md,
/// 'Twilio: parameters'): the voice URL request, status callbacks, recording status callbacks and transcription callbacks.
/// All carry <c>CallSid</c>, which merges them into one lead. Check <see cref="Signatures.TwilioSignature"/> first.
/// </summary>
public static class TwilioCallParser
{
    public const string Provider = "twilio";

    /// <param name="parameters">The decoded form (or query) parameters.</param>
    /// <param name="defaultRegion">Region for national caller numbers (Twilio sends E.164, so rarely needed).</param>
    public static ParseOutcome<CallEvent> Parse(IReadOnlyList<KeyValuePair<string, string?>> parameters, string? defaultRegion)
    {
        var errors = new List<FieldError>();
        var form = FormPairs.Read(parameters, errors);
        if (form is null) return new ParseOutcome<CallEvent>.Invalid(errors);

        var callSid = TextSanitizer.SingleLine(form["CallSid"]);
        if (callSid is null) return new ParseOutcome<CallEvent>.Invalid(new FieldError("CallSid", "Required."));
        if (callSid.Length > 64 || !callSid.All(char.IsAsciiLetterOrDigit)) return new ParseOutcome<CallEvent>.Invalid(new FieldError("CallSid", "Must be a Twilio call sid."));

        // Our own outbound calls and the child legs of a <Dial> are not someone calling us.
        if (form["ParentCallSid"] is not null) return new ParseOutcome<CallEvent>.Ignored("child leg of a dialled call");
        if (TextSanitizer.SingleLine(form["Direction"]) is { } direction && direction.StartsWith("outbound", StringComparison.OrdinalIgnoreCase))
        {
            return new ParseOutcome<CallEvent>.Ignored("outbound call");
        }

        var (from, fromE164) = CallerNumber.Read(form["From"] ?? form["Caller"], defaultRegion);
        var (to, _) = CallerNumber.Read(form["To"] ?? form["Called"], defaultRegion);
        var kind = KindOf(form);

        var recordingOk = form["RecordingStatus"] is null or "completed";
        var recordingUrl = recordingOk ? FieldText.Url(form["RecordingUrl"], "RecordingUrl", errors) : null;
        // A transcription that failed carries no text worth keeping ("TranscriptionStatus=failed").
        var transcript = form["TranscriptionStatus"] is null or "completed"
            ? FieldText.MultiCut(form["TranscriptionText"], FieldLimits.Message)
            : null;
        var duration = Seconds(form["CallDuration"], "CallDuration", errors) ?? Seconds(form["DialCallDuration"], "DialCallDuration", errors);
        if (errors.Count > 0) return new ParseOutcome<CallEvent>.Invalid(errors);

        var status = TextSanitizer.SingleLine(form["CallStatus"])?.ToLowerInvariant();
        var dialStatus = TextSanitizer.SingleLine(form["DialCallStatus"])?.ToLowerInvariant();
        var state = kind is CallEventKind.Recording or CallEventKind.Transcription ? CallState.Unknown : StateOf(status, dialStatus);

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        FieldText.AddExtra(extra, "twilio.accountSid", form["AccountSid"]);
        FieldText.AddExtra(extra, "twilio.forwardedFrom", form["ForwardedFrom"]);
        FieldText.AddExtra(extra, "callerCity", form["FromCity"]);

        // Retries repeat the same status/recording/transcription for the same call; distinct steps differ.
        var step = kind switch
        {
            CallEventKind.Recording => "recording:" + form["RecordingSid"] + ":" + form["RecordingStatus"],
            CallEventKind.Transcription => "transcription:" + form["TranscriptionSid"] + ":" + form["TranscriptionStatus"],
            _ => "status:" + status + ":" + dialStatus + ":" + form["SequenceNumber"],
        };

        return new ParseOutcome<CallEvent>.Parsed(new CallEvent
        {
            Provider = Provider,
            CallKey = callSid,
            ProviderEventId = callSid,
            DeliveryKey = FieldText.SingleCut(callSid + ":" + step, 400)!,
            Kind = kind,
            State = state,
            From = from,
            FromE164 = fromE164,
            To = to,
            CallerName = CallerNumber.Name(form["CallerName"], fromE164),
            Country = CountryOf(form["FromCountry"] ?? form["CallerCountry"]),
            DurationSeconds = duration,
            RecordingUrl = recordingUrl,
            Transcript = transcript,
            MissedReason = state == CallState.Missed ? dialStatus ?? status : null,
            ExtraFields = extra,
        });
    }

    private static CallEventKind KindOf(FormPairs form) =>
        form["TranscriptionSid"] is not null || form["TranscriptionText"] is not null || form["TranscriptionStatus"] is not null ? CallEventKind.Transcription
        : form["RecordingStatus"] is not null ? CallEventKind.Recording
        // The <Record action> request carries the recording but no status-callback fields.
        : form["RecordingUrl"] is not null && form["CallbackSource"] is null && form["CallDuration"] is null ? CallEventKind.Recording
        : form["CallbackSource"] is not null || form["CallDuration"] is not null || form["DialCallStatus"] is not null
            || form["CallStatus"] is "completed" or "busy" or "no-answer" or "failed" or "canceled" ? CallEventKind.Status
        : CallEventKind.Incoming;

    // CallStatus: queued|ringing|in-progress|completed|busy|failed|no-answer|canceled (Twilio OpenAPI call_enum_status).
    // DialCallStatus (the <Dial> action callback) says whether a person took the call, which CallStatus can't:
    // an inbound call is "completed" once our TwiML ran, answered or not.
    private static CallState StateOf(string? status, string? dialStatus) => dialStatus switch
    {
        "completed" or "answered" => CallState.Answered,
        "busy" or "no-answer" or "failed" or "canceled" => CallState.Missed,
        _ => status switch
        {
            "queued" or "ringing" or "initiated" => CallState.Ringing,
            "in-progress" or "answered" => CallState.InProgress,
            "completed" => CallState.Ended,
            "busy" or "no-answer" or "failed" or "canceled" => CallState.Missed,
            _ => CallState.Unknown,
        },
    };

    private static int? Seconds(string? value, string field, List<FieldError> errors)
    {
        var text = TextSanitizer.SingleLine(value);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400 * 7) return seconds;
        errors.Add(new FieldError(field, "Must be a number of seconds."));
        return null;
    }

    internal static string? CountryOf(string? value) =>
        TextSanitizer.SingleLine(value) is { Length: 2 } code && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;
}
