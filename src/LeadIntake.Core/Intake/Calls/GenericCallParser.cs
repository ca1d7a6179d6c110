using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// LeadIntake's own call format, for any telephony system that can post JSON (documented in
/// <c>docs/intake-formats.md</c>): <c>{callId, from, to, callerName, durationSec, status, transcript, voicemailUrl,
/// recordingUrl, startedAt, provider}</c>. One object describes the whole call, or one step of it (same callId).
/// </summary>
public static class GenericCallParser
{
    public const string Provider = "generic";

    public static ParseOutcome<CallEvent> Parse(JsonElement root, string? defaultRegion)
    {
        if (root.ValueKind != JsonValueKind.Object) return new ParseOutcome<CallEvent>.Invalid(new FieldError("body", "Must be a JSON object."));
        var errors = new List<FieldError>();

        var rawFrom = JsonValues.Text(root, "from");
        var (from, fromE164) = CallerNumber.Read(rawFrom, defaultRegion);
        if (rawFrom is not null && TextSanitizer.SingleLine(rawFrom)?.Length > FieldLimits.Phone * 4) errors.Add(new FieldError("from", "Too long for a caller id."));
        var (to, _) = CallerNumber.Read(JsonValues.Text(root, "to"), defaultRegion);
        var callerName = FieldText.Single(JsonValues.Text(root, "callerName"), "callerName", FieldLimits.Name, errors);
        var callId = FieldText.Single(JsonValues.Text(root, "callId"), "callId", 128, errors);
        var provider = FieldText.Single(JsonValues.Text(root, "provider"), "provider", 40, errors)?.ToLowerInvariant() ?? Provider;
        var transcript = FieldText.MultiCut(JsonValues.Text(root, "transcript"), FieldLimits.Message);
        var voicemailUrl = FieldText.Url(JsonValues.Text(root, "voicemailUrl"), "voicemailUrl", errors);
        var recordingUrl = FieldText.Url(JsonValues.Text(root, "recordingUrl"), "recordingUrl", errors);

        int? duration = null;
        if (JsonValues.Property(root, "durationSec") is not null)
        {
            var seconds = JsonValues.Number(root, "durationSec");
            if (seconds is >= 0 and <= 86_400 * 7) duration = (int)Math.Round(seconds.Value);
            else errors.Add(new FieldError("durationSec", "Must be a number of seconds between 0 and 604800."));
        }
        DateTimeOffset? startedAt = null;
        if (JsonValues.Property(root, "startedAt") is not null)
        {
            startedAt = JsonValues.Time(root, "startedAt");
            if (startedAt is null) errors.Add(new FieldError("startedAt", "Must be an ISO 8601 timestamp or Unix seconds."));
        }

        var status = TextSanitizer.SingleLine(JsonValues.Text(root, "status"))?.ToLowerInvariant();
        CallState? state = status switch
        {
            null => transcript is null ? CallState.Unknown : CallState.Answered,
            "ringing" or "queued" or "initiated" => CallState.Ringing,
            "in-progress" or "in_progress" => CallState.InProgress,
            "completed" or "answered" => CallState.Answered,
            "no-answer" or "no_answer" or "missed" or "busy" or "failed" or "canceled" or "cancelled" or "abandoned" or "voicemail" => CallState.Missed,
            _ => null,
        };
        if (state is null) errors.Add(new FieldError("status", "Must be one of ringing, in-progress, completed, answered, no-answer, missed, busy, failed, canceled, voicemail."));
        if (from is null && callId is null && rawFrom is null) errors.Add(new FieldError("from", "The caller's number (or a callId) is required."));
        if (errors.Count > 0) return new ParseOutcome<CallEvent>.Invalid(errors);

        // Without a callId the same call posted twice must still be recognised: derive a stable key from its content.
        var key = callId ?? "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', from, to, startedAt?.ToUnixTimeSeconds(), status, duration, transcript))))[..32];

        return new ParseOutcome<CallEvent>.Parsed(new CallEvent
        {
            Provider = provider,
            CallKey = key,
            ProviderEventId = key,
            DeliveryKey = key + ":" + status + ":" + (transcript is null ? "" : "t") + (voicemailUrl is null && recordingUrl is null ? "" : "r"),
            Kind = CallEventKind.Summary,
            State = state!.Value,
            From = from,
            FromE164 = fromE164,
            To = to,
            CallerName = CallerNumber.Name(callerName, fromE164),
            DurationSeconds = duration,
            RecordingUrl = recordingUrl,
            VoicemailUrl = voicemailUrl,
            VoicemailLeft = status == "voicemail",
            Transcript = transcript,
            StartedAt = startedAt,
            MissedReason = state == CallState.Missed ? status : null,
        });
    }
}
