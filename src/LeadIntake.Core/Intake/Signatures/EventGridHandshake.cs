using System.Text.Json;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// The Event Grid subscription validation handshake (MicrosoftDocs/azure-docs
/// <c>articles/event-grid/webhook-event-delivery.md</c>): when a subscription is created Event Grid POSTs an array
/// holding one <c>Microsoft.EventGrid.SubscriptionValidationEvent</c> (header <c>aeg-event-type:
/// SubscriptionValidation</c>); answer HTTP 200 (202 is refused) with <see cref="EventGridValidationResponse"/>.
/// Event Grid signs nothing: protect the endpoint with a secret in the subscription URL or Entra ID auth.
/// </summary>
public static class EventGridHandshake
{
    public const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public const string EventTypeHeader = "aeg-event-type";

    /// <summary>The validation code when <paramref name="events"/> is a validation delivery; null otherwise.</summary>
    public static EventGridValidationResponse? TryRespond(JsonElement events)
    {
        JsonElement first;
        if (events.ValueKind == JsonValueKind.Array)
        {
            if (events.GetArrayLength() == 0) return null;
            first = events[0];
        }
        else
        {
            first = events;
        }
        if (JsonValues.Text(first, "eventType") != ValidationEventType) return null;
        var code = JsonValues.Object(first, "data") is { } data ? JsonValues.Text(data, "validationCode") : null;
        code = TextSanitizer.SingleLine(code);
        return code is null || code.Length > 200 ? null : new EventGridValidationResponse(code);
    }
}
