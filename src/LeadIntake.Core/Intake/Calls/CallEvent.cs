using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// One provider event about a phone call, parsed. Several events make one call lead: fold them with
/// <see cref="CallLeadMerge"/> in whatever order they arrive.
/// </summary>
public sealed record CallEvent
{
    public required string Provider { get; init; }
    /// <summary>Ties the events of one call together: Twilio CallSid, Aircall call id, ACS correlationId.</summary>
    public required string CallKey { get; init; }
    /// <summary>The id recorded on the lead: CallSid, Aircall call id, Event Grid event id.</summary>
    public required string ProviderEventId { get; init; }
    /// <summary>
    /// Unique per delivery, the same for a retried delivery: insert it in IntakeKeys to skip duplicates
    /// (Twilio CallSid + status/recording/transcription sid + sequence; Aircall id + event; Event Grid event id).
    /// </summary>
    public required string DeliveryKey { get; init; }
    public required CallEventKind Kind { get; init; }
    /// <summary>What this event says about the call; <see cref="CallState.Unknown"/> when it says nothing.</summary>
    public CallState State { get; init; }
    /// <summary>The caller: E.164 when it could be normalised, else as sent (<c>client:alice</c>); null when hidden.</summary>
    public string? From { get; init; }
    /// <summary>The caller's number in E.164 when it is a real phone number; null otherwise.</summary>
    public string? FromE164 { get; init; }
    public string? To { get; init; }
    /// <summary>The caller's name (CNAM, contact, display name); null when unknown.</summary>
    public string? CallerName { get; init; }
    /// <summary>ISO 3166 alpha-2 of the caller when known.</summary>
    public string? Country { get; init; }
    public int? DurationSeconds { get; init; }
    public string? RecordingUrl { get; init; }
    public string? VoicemailUrl { get; init; }
    public bool VoicemailLeft { get; init; }
    public string? Transcript { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? MissedReason { get; init; }
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
}
