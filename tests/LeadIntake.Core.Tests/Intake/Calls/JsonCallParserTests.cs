using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake.Calls;

public sealed class JsonCallParserTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static string Aircall(string eventName, string data) =>
        $$"""{ "resource":"call", "event":"{{eventName}}", "timestamp":1767225690, "token":"a1b2c3d4e5f6a7b8c9d0", "data":{{data}} }""";

    // An Aircall call.ended event (docs/providers.md, 'Aircall'); invented values.
    private const string AircallEndedAnswered = """
        { "id":812345678, "direct_link":"https://api.aircall.io/v1/calls/812345678",
          "call_uuid":"CA7d1f0c2b9e8a4b3c2d1e0f9a8b7c6d5e", "direction":"inbound",
          "status":"done", "missed_call_reason":null,
          "started_at":1767225600, "answered_at":1767225607, "ended_at":1767225660,
          "duration":60, "raw_digits":"+33 6 12 34 56 78",
          "recording":"https://files.aircall.example/recording.mp3", "voicemail":null,
          "number":{"id":4242,"name":"Ventes FR","digits":"+33 1 84 88 00 00","country":"FR","time_zone":"Europe/Paris"},
          "user":{"id":77,"name":"Claire Martin","email":"claire@example.com"},
          "contact":null, "tags":[], "comments":[] }
        """;

    private const string AircallMissed = """
        { "id":812345679, "direction":"inbound", "status":"done", "missed_call_reason":"out_of_opening_hours",
          "started_at":1767225600, "answered_at":null, "ended_at":1767225620, "duration":20, "raw_digits":"+33 4 91 22 33 44",
          "recording":null, "voicemail":"https://files.aircall.example/voicemail.mp3",
          "contact":{"first_name":"Clinique","last_name":"du Parc","company_name":"Clinique du Parc"} }
        """;

    private static CallEvent Parsed(ParseOutcome<CallEvent> outcome) => Assert.IsType<ParseOutcome<CallEvent>.Parsed>(outcome).Value;

    [Fact]
    public void Aircall_ended_answered_call_becomes_a_call_lead()
    {
        var root = Json(Aircall("call.ended", AircallEndedAnswered));
        Assert.Equal(SignatureVerdict.Valid, AircallToken.Verify("a1b2c3d4e5f6a7b8c9d0", AircallCallParser.TokenOf(root)));
        var e = Parsed(AircallCallParser.Parse(root, "FR"));
        Assert.Equal("812345678", e.CallKey);
        Assert.Equal("812345678:call.ended", e.DeliveryKey);
        Assert.Equal(CallState.Answered, e.State);
        Assert.Equal("+33612345678", e.FromE164);
        Assert.Equal("+33184880000", e.To);
        Assert.Equal(60, e.DurationSeconds);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), e.StartedAt);
        var lead = CallLeadMerge.Merge(null, e);
        Assert.Equal("Answered call (60 s), no summary recorded.", lead.Message);
        Assert.Equal("Claire Martin", lead.ExtraFields["aircall.agent"]);
        Assert.False(lead.Call!.HasVoicemail);
    }

    [Fact]
    public void Aircall_voicemail_left_after_created_merges_into_a_voicemail_lead()
    {
        var created = Parsed(AircallCallParser.Parse(Json(Aircall("call.created", """{"id":812345679,"direction":"inbound","status":"initial","raw_digits":"+33 4 91 22 33 44"}""")), "FR"));
        var voicemail = Parsed(AircallCallParser.Parse(Json(Aircall("call.voicemail_left", AircallMissed)), "FR"));
        var ended = Parsed(AircallCallParser.Parse(Json(Aircall("call.ended", AircallMissed)), "FR"));
        foreach (var order in new[] { new[] { created, voicemail, ended }, [ended, voicemail, created], [voicemail, created, ended] })
        {
            var lead = order.Aggregate((CapturedLead?)null, CallLeadMerge.Merge)!;
            Assert.Equal(CallState.Missed, lead.Call!.State);
            Assert.True(lead.Call.HasVoicemail);
            Assert.Equal("out_of_opening_hours", lead.Call.MissedReason);
            Assert.Equal("Clinique du Parc", lead.Contact.FullName);
            Assert.Equal("Voicemail from Clinique du Parc", lead.Subject);
            Assert.Equal("812345679", lead.ProviderEventId);
        }
    }

    [Theory]
    [InlineData("""{"resource":"user","event":"user.created","token":"t","data":{"id":1}}""")]
    [InlineData("""{"resource":"call","event":"call.tagged","token":"t","data":{"id":1}}""")]
    [InlineData("""{"resource":"call","event":"call.created","token":"t","data":{"id":1,"direction":"outbound"}}""")]
    public void Aircall_non_lead_events_are_ignored(string json) =>
        Assert.IsType<ParseOutcome<CallEvent>.Ignored>(AircallCallParser.Parse(Json(json), "FR"));

    [Theory]
    [InlineData("[]", "body")]
    [InlineData("""{"resource":"call","token":"t","data":{"id":1}}""", "event")]
    [InlineData("""{"resource":"call","event":"call.ended","token":"t"}""", "data")]
    [InlineData("""{"resource":"call","event":"call.ended","token":"t","data":{"id":null}}""", "data.id")]
    [InlineData("""{"resource":"call","event":"call.ended","token":"t","data":{"id":1,"recording":"ftp://x"}}""", "data.recording")]
    public void Aircall_bad_input_names_the_field(string json, string field) =>
        Assert.Equal(field, Assert.Single(Assert.IsType<ParseOutcome<CallEvent>.Invalid>(AircallCallParser.Parse(Json(json), "FR")).Errors).Field);

    [Fact]
    public void Aircall_anonymous_caller_has_no_phone()
    {
        var e = Parsed(AircallCallParser.Parse(Json(Aircall("call.ended", """{"id":5,"raw_digits":"anonymous","duration":0}""")), "FR"));
        Assert.Null(e.FromE164);
        Assert.Equal("Missed call, no voicemail: call back.", CallLeadMerge.Merge(null, e).Message);
    }

    [Fact]
    public void Acs_incoming_call_from_event_grid_becomes_a_call_event()
    {
        // An IncomingCall from a phone (docs/providers.md, 'Event Grid: IncomingCall'); invented values.
        var outcome = AcsIncomingCallParser.Parse(Json("""
            [{ "id":"5d6f1c3a-0b7e-4d8a-9f21-7a0c3e9b4d11",
               "topic":"/subscriptions/x/providers/Microsoft.Communication/communicationServices/acs-leads",
               "subject":"/caller/4:+33612345678/recipient/4:+33184880000",
               "eventType":"Microsoft.Communication.IncomingCall",
               "data":{ "to":{"kind":"phoneNumber","rawId":"4:+33184880000","phoneNumber":{"value":"+33184880000"}},
                        "from":{"kind":"phoneNumber","rawId":"4:+33612345678","phoneNumber":{"value":"+33612345678"}},
                        "serverCallId":"aHR0cHM6Ly9leGFtcGxlLmludmFsaWQv",
                        "callerDisplayName":"+33612345678",
                        "incomingCallContext":"eyJhbGciOiJub25lIn0.eyJjYyI6Ii4uLiJ9.",
                        "correlationId":"0b8f2e5c-3a41-4c7d-9b0e-6f2a1d3c5e77" },
               "dataVersion":"1.0", "metadataVersion":"1", "eventTime":"2026-01-01T10:00:00.000Z" },
             { "id":"other", "eventType":"Microsoft.Communication.CallEnded", "data":{} }]
            """), "FR");
        var calls = Assert.IsType<EventGridCallOutcome.Calls>(outcome);
        Assert.Equal(1, calls.IgnoredCount);
        var e = Assert.Single(calls.Events);
        Assert.Equal("5d6f1c3a-0b7e-4d8a-9f21-7a0c3e9b4d11", e.ProviderEventId);
        Assert.Equal("0b8f2e5c-3a41-4c7d-9b0e-6f2a1d3c5e77", e.CallKey);
        Assert.Equal("+33612345678", e.FromE164);
        Assert.Null(e.CallerName); // the display name is the number again
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), e.StartedAt);
    }

    [Fact]
    public void Acs_official_sdk_fixture_with_communication_users_is_read()
    {
        // Azure/azure-sdk-for-go azsystemevents system_events2_test.go @04b45429 (TestConsumeAcsIncomingCallEvent).
        var outcome = AcsIncomingCallParser.Parse(Json("""
            [{"id":"e80026e7-e298-46ba-bc42-dab0eda92581","topic":"/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
              "subject":"/caller/4:+16041234567/recipient/8:acs:ff4181e1-324a-4cce-b8fd-5b1544e5e7bf_00000018-d8d0-4ecb-a3f9-2e2c5a3f2f59",
              "data":{"to":{"kind":"communicationUser","rawId":"8:acs:ff4181e1-324a-4cce-b8fd-5b1544e5e7bf_00000018-d8d0-4ecb-a3f9-2e2c5a3f2f59","communicationUser":{"id":"8:acs:ff4181e1-324a-4cce-b8fd-5b1544e5e7bf_00000018-d8d0-4ecb-a3f9-2e2c5a3f2f59"}},
                "from":{"kind":"communicationUser","rawId":"8:acs:ff4181e1-324a-4cce-b8fd-5b1544e5e7bf_00000018-d8d0-4ecb-a3f9-2e2c5a3f2f58","communicationUser":{"id":"8:acs:ff4181e1-324a-4cce-b8fd-5b1544e5e7bf_00000018-d8d0-4ecb-a3f9-2e2c5a3f2f58"}},
                "serverCallId":"{serverCallId}","callerDisplayName":"VOIP Caller",
                "customContext":{"sipHeaders":{"userToUser":"616d617a6f6e5f6368696;encoding=hex","X-MS-Custom-myheader1":"35567842","X-MS-Custom-myheader2":"customsipheadervalue"},"voipHeaders":{"customHeader":"customValue"}},
                "incomingCallContext":"{incoming-call-contextValue}","correlationId":"correlationId"},
              "eventType":"Microsoft.Communication.IncomingCall","dataVersion":"1.0","metadataVersion":"1","eventTime":"2023-04-04T17:18:42.5542219Z"}]
            """), null);
        var e = Assert.Single(Assert.IsType<EventGridCallOutcome.Calls>(outcome).Events);
        Assert.Equal("correlationId", e.CallKey);
        Assert.Equal("VOIP Caller", e.CallerName);
        Assert.Null(e.FromE164);
        Assert.StartsWith("8:acs:", e.From);
    }

    [Fact]
    public void Acs_endpoint_answers_the_event_grid_validation()
    {
        var outcome = AcsIncomingCallParser.Parse(Json("""[{"id":"1","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}}]"""), null);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", Assert.IsType<EventGridCallOutcome.Validation>(outcome).Response.ValidationResponse);
    }

    [Fact]
    public void Acs_huge_batches_are_refused()
    {
        var json = "[" + string.Join(',', Enumerable.Repeat("""{"eventType":"x"}""", PayloadLimits.EventGridEvents + 1)) + "]";
        var invalid = Assert.IsType<EventGridCallOutcome.Invalid>(AcsIncomingCallParser.Parse(Json(json), null));
        Assert.Equal("body", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Acs_incoming_call_without_id_names_the_event()
    {
        var invalid = Assert.IsType<EventGridCallOutcome.Invalid>(AcsIncomingCallParser.Parse(Json("""[{"eventType":"Microsoft.Communication.IncomingCall","data":{}}]"""), null));
        Assert.Equal("[0].id", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public void Generic_voicemail_from_the_corpus_becomes_a_lead()
    {
        var e = Parsed(GenericCallParser.Parse(Json("""
            {"from": "+33612457890", "to": "+33176540000", "callerName": "MARTIN PAUL", "durationSec": 74, "status": "voicemail",
             "transcript": "Bonjour, Paul Martin de la société Martin Agro, j'aimerais avoir un rendez-vous. Rappelez-moi au 06 12 45 78 90. Merci."}
            """), "FR"));
        var lead = CallLeadMerge.Merge(null, e);
        Assert.Equal("generic", lead.Provider);
        Assert.Equal("MARTIN PAUL", lead.Contact.FullName);
        Assert.Equal("+33612457890", lead.Contact.Phone);
        Assert.True(lead.Call!.HasVoicemail);
        Assert.StartsWith("Bonjour, Paul Martin", lead.Message);
        Assert.Equal(74, lead.Call.DurationSeconds);
    }

    [Fact]
    public void Generic_missed_call_without_message_asks_for_a_call_back()
    {
        var lead = CallLeadMerge.Merge(null, Parsed(GenericCallParser.Parse(Json("""
            {"from": "+33491223344", "to": "+33176540000", "callerName": "CLINIQUE DU PARC", "durationSec": 0, "status": "no-answer", "transcript": ""}
            """), "FR")));
        Assert.Equal("Missed call, no voicemail: call back.", lead.Message);
        Assert.Equal(CallState.Missed, lead.Call!.State);
    }

    [Fact]
    public void Generic_call_posted_twice_without_call_id_gets_the_same_key()
    {
        const string json = """{"from": "+33639986402", "to": "+33472690150", "durationSec": 0, "status": "no-answer", "startedAt": "2026-01-01T10:00:00Z"}""";
        Assert.Equal(Parsed(GenericCallParser.Parse(Json(json), "FR")).CallKey, Parsed(GenericCallParser.Parse(Json(json), "FR")).CallKey);
        var other = json.Replace("10:00:00", "10:05:00", StringComparison.Ordinal);
        Assert.NotEqual(Parsed(GenericCallParser.Parse(Json(json), "FR")).CallKey, Parsed(GenericCallParser.Parse(Json(other), "FR")).CallKey);
    }

    [Fact]
    public void Generic_call_with_call_id_and_national_number_is_normalised()
    {
        var e = Parsed(GenericCallParser.Parse(Json("""{"callId":"pbx-991","from":"06 12 34 56 78","status":"completed","durationSec":"42","startedAt":1767225600,"provider":"3CX"}"""), "FR"));
        Assert.Equal("pbx-991", e.CallKey);
        Assert.Equal("+33612345678", e.FromE164);
        Assert.Equal("3cx", e.Provider);
        Assert.Equal(CallState.Answered, e.State);
        Assert.Equal(42, e.DurationSeconds);
    }

    [Theory]
    [InlineData("""{"from":"+33612345678","status":"exploded"}""", "status")]
    [InlineData("""{"from":"+33612345678","durationSec":-1}""", "durationSec")]
    [InlineData("""{"from":"+33612345678","durationSec":"soon"}""", "durationSec")]
    [InlineData("""{"from":"+33612345678","startedAt":"yesterday"}""", "startedAt")]
    [InlineData("""{"from":"+33612345678","recordingUrl":"file:///etc/passwd"}""", "recordingUrl")]
    [InlineData("""{"status":"completed"}""", "from")]
    [InlineData("""[1]""", "body")]
    public void Generic_call_bad_input_names_the_field(string json, string field) =>
        Assert.Equal(field, Assert.Single(Assert.IsType<ParseOutcome<CallEvent>.Invalid>(GenericCallParser.Parse(Json(json), "FR")).Errors).Field);

    [Fact]
    public void Generic_call_with_hostile_strings_is_sanitised()
    {
        var e = Parsed(GenericCallParser.Parse(Json("""{"from":"+33612345678","callerName":"Bob\r\nBcc: x@y.z\u0000","transcript":"Hi\u0007 there\u202e"}"""), "FR"));
        Assert.DoesNotContain('\n', e.CallerName!);
        Assert.DoesNotContain('\0', e.CallerName!);
        Assert.DoesNotContain('\u0007', e.Transcript!);
    }

    [Fact]
    public void Generic_call_with_an_overlong_caller_name_is_refused() =>
        Assert.Equal("callerName", Assert.Single(Assert.IsType<ParseOutcome<CallEvent>.Invalid>(
            GenericCallParser.Parse(Json($$"""{"from":"+33612345678","callerName":"{{new string('x', 5000)}}"}"""), "FR")).Errors).Field);
}
