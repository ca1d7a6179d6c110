namespace LeadIntake.Core.Intake.Calls;

/// <summary>Which step of a call an event reports.</summary>
public enum CallEventKind
{
    /// <summary>The call arrives (Twilio voice URL, Aircall <c>call.created</c>, ACS <c>IncomingCall</c>).</summary>
    Incoming,
    /// <summary>A progress or end-of-call status (Twilio status callback, Aircall <c>call.answered</c>/<c>call.ended</c>).</summary>
    Status,
    /// <summary>A recording is ready (Twilio recording status callback).</summary>
    Recording,
    /// <summary>A transcription is ready (Twilio transcribe callback).</summary>
    Transcription,
    /// <summary>The caller left a voicemail (Aircall <c>call.voicemail_left</c>).</summary>
    Voicemail,
    /// <summary>A whole call in one event (the generic call format).</summary>
    Summary,
}
