using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// Azure Communication Services <c>Microsoft.Communication.IncomingCall</c> through Event Grid (a JSON array of
/// events; docs/providers.md, 'Event Grid: IncomingCall'). The events of one call merge on <c>data.correlationId</c>; the lead's event id is the
/// Event Grid <c>id</c>. A validation delivery yields the handshake answer instead.
/// </summary>
public static class AcsIncomingCallParser
{
    public const string Provider = "acs";
    public const string IncomingCallEventType = "Microsoft.Communication.IncomingCall";

    public static EventGridCallOutcome Parse(JsonElement root, string? defaultRegion)
    {
        if (EventGridHandshake.TryRespond(root) is { } validation) return new EventGridCallOutcome.Validation(validation);
        if (root.ValueKind != JsonValueKind.Array) return new EventGridCallOutcome.Invalid(new FieldError("body", "Must be a JSON array of Event Grid events."));
        if (root.GetArrayLength() > PayloadLimits.EventGridEvents)
        {
            return new EventGridCallOutcome.Invalid(new FieldError("body", $"At most {PayloadLimits.EventGridEvents} events per delivery."));
        }

        var events = new List<CallEvent>();
        var errors = new List<FieldError>();
        int ignored = 0, index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"[{index++}]");
            if (JsonValues.Text(item, "eventType") != IncomingCallEventType)
            {
                ignored++;
                continue;
            }
            var callEvent = Read(item, at, defaultRegion, errors);
            if (callEvent is not null) events.Add(callEvent);
        }
        return errors.Count > 0 ? new EventGridCallOutcome.Invalid(errors) : new EventGridCallOutcome.Calls(events, ignored);
    }

    private static CallEvent? Read(JsonElement item, string at, string? defaultRegion, List<FieldError> errors)
    {
        var id = TextSanitizer.SingleLine(JsonValues.Text(item, "id"));
        if (id is null || id.Length > 128)
        {
            errors.Add(new FieldError(at + ".id", "Required: the Event Grid event id."));
            return null;
        }
        if (JsonValues.Object(item, "data") is not { } data)
        {
            errors.Add(new FieldError(at + ".data", "Required."));
            return null;
        }
        // correlationId is the same for every event of the call; serverCallId when it is missing.
        var key = TextSanitizer.SingleLine(JsonValues.Text(data, "correlationId")) ?? TextSanitizer.SingleLine(JsonValues.Text(data, "serverCallId")) ?? id;
        var (from, fromE164) = Identifier(JsonValues.Object(data, "from"), defaultRegion);
        var (to, _) = Identifier(JsonValues.Object(data, "to"), defaultRegion);

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        FieldText.AddExtra(extra, "acs.serverCallId", JsonValues.Text(data, "serverCallId"));
        return new CallEvent
        {
            Provider = Provider,
            CallKey = FieldText.SingleCut(key, 400)!,
            ProviderEventId = id,
            DeliveryKey = id,
            Kind = CallEventKind.Incoming,
            State = CallState.Ringing,
            From = from,
            FromE164 = fromE164,
            To = to,
            CallerName = CallerNumber.Name(JsonValues.Text(data, "callerDisplayName"), fromE164),
            StartedAt = JsonValues.Time(item, "eventTime"),
            ExtraFields = extra,
        };
    }

    // CommunicationIdentifierModel: {kind, rawId, phoneNumber{value} | communicationUser{id} | …}; PSTN rawId is "4:+E164".
    private static (string? Shown, string? E164) Identifier(JsonElement? identifier, string? defaultRegion)
    {
        if (identifier is not { } id) return (null, null);
        var phone = JsonValues.Object(id, "phoneNumber") is { } p ? JsonValues.Text(p, "value") : null;
        var raw = JsonValues.Text(id, "rawId");
        if (phone is null && raw is not null && raw.StartsWith("4:", StringComparison.Ordinal)) phone = raw[2..];
        if (phone is not null) return CallerNumber.Read(phone, defaultRegion);
        return (FieldText.SingleCut(raw, 200), null);
    }
}
