namespace LeadIntake.Core.Leads;

/// <summary>
/// The phone call behind a call lead, merged from every event the provider sent for it (see
/// <c>Intake.Calls.CallLeadMerge</c>). Numbers are E.164 when they could be normalised, else as sent.
/// </summary>
public sealed record CallDetails
{
    /// <summary>The key that ties the events of one call together: Twilio CallSid, Aircall call id, ACS correlationId.</summary>
    public required string CallKey { get; init; }
    public CallState State { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public int? DurationSeconds { get; init; }
    /// <summary>A recording of the call (Twilio <c>RecordingUrl</c>, Aircall <c>recording</c>).</summary>
    public string? RecordingUrl { get; init; }
    /// <summary>A voicemail the caller left (Aircall <c>voicemail</c>, generic <c>voicemailUrl</c>).</summary>
    public string? VoicemailUrl { get; init; }
    /// <summary>The provider said a voicemail was left (Aircall <c>call.voicemail_left</c>, generic <c>status: voicemail</c>).</summary>
    public bool VoicemailLeft { get; init; }
    /// <summary>The voicemail transcription or the call summary.</summary>
    public string? Transcript { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>The provider's reason for a missed call (Aircall <c>missed_call_reason</c>, Twilio status).</summary>
    public string? MissedReason { get; init; }

    /// <summary>The call is over: later events can only add a recording or a transcript.</summary>
    public bool IsFinal => State >= CallState.Ended;

    /// <summary>
    /// The caller left a message: an explicit voicemail, or a recording or transcript of a call nobody answered
    /// (Twilio's <c>&lt;Record&gt;</c> after an unanswered <c>&lt;Dial&gt;</c> is the usual voicemail set-up).
    /// </summary>
    public bool HasVoicemail =>
        VoicemailLeft || VoicemailUrl is not null || (State != CallState.Answered && (RecordingUrl is not null || Transcript is not null));
}
