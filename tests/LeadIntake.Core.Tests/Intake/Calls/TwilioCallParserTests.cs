using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake.Calls;

public sealed class TwilioCallParserTests
{
    private const string Sid = "CA00000000000000000000000000000042";

    private static KeyValuePair<string, string?> F(string name, string? value) => new(name, value);

    // An incoming-call request as Twilio documents it (docs/providers.md, 'Twilio: parameters'); invented values.
    internal static readonly KeyValuePair<string, string?>[] Incoming =
    [
        F("AccountSid", "AC00000000000000000000000000000001"), F("ApiVersion", "2010-04-01"), F("CallSid", Sid),
        F("CallStatus", "ringing"), F("Called", "+33184880000"), F("Caller", "+33612345678"), F("CallerCountry", "FR"),
        F("Direction", "inbound"), F("From", "+33612345678"), F("FromCountry", "FR"), F("To", "+33184880000"), F("ToCountry", "FR"),
    ];

    // A 'completed' status callback without a recording (docs/providers.md, 'Twilio: parameters'); invented values.
    internal static readonly KeyValuePair<string, string?>[] CompletedNoAnswer =
    [
        F("AccountSid", "AC00000000000000000000000000000001"), F("ApiVersion", "2010-04-01"), F("CallSid", Sid),
        F("CallStatus", "no-answer"), F("CallDuration", "0"), F("CallbackSource", "call-progress-events"), F("Direction", "inbound"),
        F("From", "+33612345678"), F("To", "+33184880000"), F("SequenceNumber", "3"), F("Timestamp", "Thu, 01 Jan 2026 10:15:27 +0000"),
    ];

    internal static readonly KeyValuePair<string, string?>[] Completed =
    [
        F("AccountSid", "AC00000000000000000000000000000001"), F("CallSid", Sid), F("CallStatus", "completed"), F("CallDuration", "87"),
        F("CallbackSource", "call-progress-events"), F("Direction", "inbound"), F("From", "+33612345678"), F("To", "+33184880000"),
        F("SequenceNumber", "3"),
    ];

    internal static readonly KeyValuePair<string, string?>[] Recording =
    [
        F("AccountSid", "AC00000000000000000000000000000001"), F("CallSid", Sid), F("RecordingSid", "RE00000000000000000000000000000007"),
        F("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Recordings/RE00000000000000000000000000000007"),
        F("RecordingStatus", "completed"), F("RecordingDuration", "80"), F("RecordingChannels", "1"), F("RecordingSource", "RecordVerb"),
    ];

    internal static readonly KeyValuePair<string, string?>[] Transcription =
    [
        F("AccountSid", "AC00000000000000000000000000000001"), F("CallSid", Sid), F("TranscriptionSid", "TR00000000000000000000000000000009"),
        F("TranscriptionText", "Bonjour, Paul Martin de Martin Agro, rappelez-moi au 06 12 45 78 90."), F("TranscriptionStatus", "completed"),
        F("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Transcriptions/TR00000000000000000000000000000009"),
        F("RecordingSid", "RE00000000000000000000000000000007"), F("From", "+33612345678"), F("To", "+33184880000"), F("CallStatus", "completed"),
    ];

    internal static CallEvent Event(IReadOnlyList<KeyValuePair<string, string?>> form) =>
        Assert.IsType<ParseOutcome<CallEvent>.Parsed>(TwilioCallParser.Parse(form, "FR")).Value;

    [Fact]
    public void Twilio_incoming_call_becomes_a_ringing_call_lead()
    {
        var e = Event(Incoming);
        Assert.Equal(CallEventKind.Incoming, e.Kind);
        Assert.Equal(CallState.Ringing, e.State);
        Assert.Equal(Sid, e.CallKey);
        Assert.Equal(Sid, e.ProviderEventId);
        Assert.Equal("+33612345678", e.FromE164);
        Assert.Equal("FR", e.Country);

        var lead = CallLeadMerge.Merge(null, e);
        Assert.Equal(Channel.Call, lead.Channel);
        Assert.Equal("twilio", lead.Provider);
        Assert.Equal(Sid, lead.ProviderEventId);
        Assert.Equal("+33612345678", lead.Contact.Phone);
        Assert.False(lead.Call!.IsFinal);
    }

    [Fact]
    public void Twilio_no_answer_without_voicemail_is_still_a_lead_to_call_back()
    {
        var lead = CallLeadMerge.Merge(CallLeadMerge.Merge(null, Event(Incoming)), Event(CompletedNoAnswer));
        Assert.Equal(CallState.Missed, lead.Call!.State);
        Assert.Equal("Missed call, no voicemail: call back.", lead.Message);
        Assert.Equal("Missed call from +33612345678", lead.Subject);
        Assert.Equal("no-answer", lead.Call.MissedReason);
    }

    [Fact]
    public void Twilio_dial_status_tells_an_answered_call_from_a_missed_one()
    {
        KeyValuePair<string, string?>[] answered = [F("CallSid", Sid), F("From", "+33612345678"), F("CallStatus", "in-progress"), F("DialCallStatus", "completed"), F("DialCallDuration", "120")];
        KeyValuePair<string, string?>[] missed = [F("CallSid", Sid), F("From", "+33612345678"), F("CallStatus", "in-progress"), F("DialCallStatus", "no-answer")];
        Assert.Equal(CallState.Answered, Event(answered).State);
        Assert.Equal(120, Event(answered).DurationSeconds);
        Assert.Equal(CallState.Missed, Event(missed).State);
    }

    [Fact]
    public void Twilio_recording_and_transcription_are_voicemail_of_an_unanswered_call()
    {
        Assert.Equal(CallEventKind.Recording, Event(Recording).Kind);
        Assert.Equal(CallEventKind.Transcription, Event(Transcription).Kind);
        var lead = CallLeadMerge.Merge(CallLeadMerge.Merge(CallLeadMerge.Merge(null, Event(Incoming)), Event(Completed)), Event(Recording));
        Assert.True(lead.Call!.HasVoicemail);
        Assert.Equal("Voicemail left, not transcribed yet: listen to the recording and call back.", lead.Message);
        lead = CallLeadMerge.Merge(lead, Event(Transcription));
        Assert.Equal("Bonjour, Paul Martin de Martin Agro, rappelez-moi au 06 12 45 78 90.", lead.Message);
        Assert.Equal(87, lead.Call!.DurationSeconds);
        Assert.Equal("Voicemail from +33612345678", lead.Subject);
    }

    [Fact]
    public void Twilio_failed_transcription_keeps_no_text()
    {
        var failed = Transcription.Select(p => p.Key == "TranscriptionStatus" ? F(p.Key, "failed") : p).ToArray();
        Assert.Null(Event(failed).Transcript);
    }

    [Fact]
    public void Twilio_retried_delivery_has_the_same_delivery_key_and_distinct_steps_do_not()
    {
        Assert.Equal(Event(Completed).DeliveryKey, Event(Completed).DeliveryKey);
        var keys = new[] { Incoming, Completed, Recording, Transcription }.Select(f => Event(f).DeliveryKey).ToHashSet();
        Assert.Equal(4, keys.Count);
    }

    [Theory]
    [InlineData("outbound-api", null)]
    [InlineData("outbound-dial", "CA00000000000000000000000000000001")]
    [InlineData("inbound", "CA00000000000000000000000000000001")]
    public void Twilio_outbound_calls_and_child_legs_are_ignored(string direction, string? parent)
    {
        KeyValuePair<string, string?>[] form = [F("CallSid", Sid), F("From", "+33612345678"), F("Direction", direction), F("ParentCallSid", parent), F("CallStatus", "ringing")];
        Assert.IsType<ParseOutcome<CallEvent>.Ignored>(TwilioCallParser.Parse(form, "FR"));
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("+266696687")]
    [InlineData("")]
    public void Twilio_hidden_caller_has_no_phone_but_is_still_a_lead(string from)
    {
        KeyValuePair<string, string?>[] form = [F("CallSid", Sid), F("From", from), F("CallStatus", "no-answer"), F("CallbackSource", "call-progress-events")];
        var lead = CallLeadMerge.Merge(null, Event(form));
        Assert.Null(lead.Contact.Phone);
        Assert.Equal("Missed call from a hidden number", lead.Subject);
    }

    [Fact]
    public void Twilio_client_caller_is_kept_as_sent_without_a_phone()
    {
        var e = Event([F("CallSid", Sid), F("From", "client:alice"), F("CallStatus", "ringing")]);
        Assert.Equal("client:alice", e.From);
        Assert.Null(e.FromE164);
    }

    [Fact]
    public void Twilio_caller_name_placeholders_are_dropped()
    {
        Assert.Equal("MARTIN PAUL", Event([F("CallSid", Sid), F("From", "+33612345678"), F("CallerName", "MARTIN PAUL")]).CallerName);
        Assert.Null(Event([F("CallSid", Sid), F("From", "+33612345678"), F("CallerName", "WIRELESS CALLER")]).CallerName);
        Assert.Null(Event([F("CallSid", Sid), F("From", "+33612345678"), F("CallerName", "+33612345678")]).CallerName);
    }

    public static TheoryData<string, KeyValuePair<string, string?>[]> BadForms => new()
    {
        { "CallSid", [F("From", "+33612345678")] },
        { "CallSid", [F("CallSid", "CA<script>")] },
        { "CallSid", [F("CallSid", new string('A', 65))] },
        { "CallDuration", [F("CallSid", Sid), F("CallStatus", "completed"), F("CallDuration", "-5")] },
        { "CallDuration", [F("CallSid", Sid), F("CallStatus", "completed"), F("CallDuration", "99999999999")] },
        { "RecordingUrl", [F("CallSid", Sid), F("RecordingStatus", "completed"), F("RecordingUrl", "javascript:alert(1)")] },
        { "form", Enumerable.Range(0, PayloadLimits.FormPairs + 1).Select(i => F("p" + i, "v")).ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public void Twilio_bad_input_names_the_field(string field, KeyValuePair<string, string?>[] form)
    {
        var invalid = Assert.IsType<ParseOutcome<CallEvent>.Invalid>(TwilioCallParser.Parse(form, "FR"));
        Assert.Equal(field, Assert.Single(invalid.Errors).Field);
    }
}
