using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// Aircall webhooks (JSON, one event per request: <c>{resource, event, timestamp, token, data}</c>; docs/providers.md, 'Aircall').
/// Call events merge on <c>data.id</c> (the call id). Check the token first:
/// <c>AircallToken.Verify(configured, AircallCallParser.TokenOf(root))</c>.
/// </summary>
public static class AircallCallParser
{
    public const string Provider = "aircall";

    /// <summary>The webhook token carried in the body (Aircall's only credential).</summary>
    public static string? TokenOf(JsonElement root) => JsonValues.Text(root, "token");

    public static ParseOutcome<CallEvent> Parse(JsonElement root, string? defaultRegion)
    {
        if (root.ValueKind != JsonValueKind.Object) return new ParseOutcome<CallEvent>.Invalid(new FieldError("body", "Must be a JSON object."));
        var resource = JsonValues.Text(root, "resource");
        var eventName = TextSanitizer.SingleLine(JsonValues.Text(root, "event"));
        if (eventName is null) return new ParseOutcome<CallEvent>.Invalid(new FieldError("event", "Required."));
        if (resource is not null && resource != "call") return new ParseOutcome<CallEvent>.Ignored($"resource {FieldText.SingleCut(resource, 40)}");

        var kind = eventName switch
        {
            "call.created" or "call.ringing_on_agent" => CallEventKind.Incoming,
            "call.answered" or "call.hungup" or "call.ended" or "call.agent_declined" => CallEventKind.Status,
            "call.voicemail_left" => CallEventKind.Voicemail,
            _ => (CallEventKind?)null,
        };
        if (kind is null) return new ParseOutcome<CallEvent>.Ignored($"event {FieldText.SingleCut(eventName, 60)}");

        if (JsonValues.Object(root, "data") is not { } data) return new ParseOutcome<CallEvent>.Invalid(new FieldError("data", "Required."));
        var id = TextSanitizer.SingleLine(JsonValues.Text(data, "id"));
        if (id is null || id.Length > 64) return new ParseOutcome<CallEvent>.Invalid(new FieldError("data.id", "Required: the call id."));
        if (JsonValues.Text(data, "direction") is "outbound") return new ParseOutcome<CallEvent>.Ignored("outbound call");

        var errors = new List<FieldError>();
        // raw_digits is international with spaces ("+33 6 12 34 56 78") or "anonymous" for hidden callers.
        var (from, fromE164) = CallerNumber.Read(JsonValues.Text(data, "raw_digits"), defaultRegion);
        var number = JsonValues.Object(data, "number");
        var (to, _) = CallerNumber.Read(number is { } n ? JsonValues.Text(n, "digits") : null, defaultRegion);
        var recording = FieldText.Url(JsonValues.Text(data, "recording"), "data.recording", errors);
        var voicemail = FieldText.Url(JsonValues.Text(data, "voicemail"), "data.voicemail", errors);
        if (errors.Count > 0) return new ParseOutcome<CallEvent>.Invalid(errors);

        var answered = JsonValues.Property(data, "answered_at") is not null;
        var missedReason = TextSanitizer.SingleLine(JsonValues.Text(data, "missed_call_reason"));
        var state = eventName switch
        {
            "call.created" or "call.ringing_on_agent" or "call.agent_declined" => CallState.Ringing,
            "call.answered" => CallState.Answered,
            _ when answered => CallState.Answered,
            "call.voicemail_left" => CallState.Missed,
            _ => CallState.Missed, // hung up or ended without answered_at: nobody took it
        };
        var duration = JsonValues.Integer(data, "duration");

        var contact = JsonValues.Object(data, "contact");
        var contactName = contact is { } c
            ? TextSanitizer.SingleLine($"{JsonValues.Text(c, "first_name")} {JsonValues.Text(c, "last_name")}")
            : null;
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (contact is { } cc) FieldText.AddExtra(extra, "aircall.contactCompany", JsonValues.Text(cc, "company_name"));
        if (number is { } nn) FieldText.AddExtra(extra, "aircall.line", JsonValues.Text(nn, "name"));
        if (JsonValues.Object(data, "user") is { } user) FieldText.AddExtra(extra, "aircall.agent", JsonValues.Text(user, "name"));

        return new ParseOutcome<CallEvent>.Parsed(new CallEvent
        {
            Provider = Provider,
            CallKey = id,
            ProviderEventId = id,
            DeliveryKey = id + ":" + eventName,
            Kind = kind.Value,
            State = state,
            From = from,
            FromE164 = fromE164,
            To = to,
            CallerName = CallerNumber.Name(contactName, fromE164),
            DurationSeconds = duration is >= 0 and <= 86_400 * 7 ? (int)duration : null,
            RecordingUrl = recording,
            VoicemailUrl = voicemail,
            VoicemailLeft = eventName == "call.voicemail_left" || voicemail is not null,
            StartedAt = JsonValues.Time(data, "started_at"),
            MissedReason = state == CallState.Missed ? FieldText.SingleCut(missedReason, 100) : null,
            ExtraFields = extra,
        });
    }
}
