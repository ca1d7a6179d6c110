using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Infrastructure;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class CallIntakeTests
{
    private const string TwilioToken = "0123456789abcdef0123456789abcdef";
    // TestApp's Intake:PublicBaseUrl: Twilio signs the public URL, not the loopback address the test really calls.
    private const string TwilioUrl = "http://127.0.0.1:7071/api/intake/call/twilio";

    private static Dictionary<string, string> TwilioCall(string callSid, params (string Name, string Value)[] extra)
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000001", ["ApiVersion"] = "2010-04-01", ["CallSid"] = callSid,
            ["Called"] = "+33184880000", ["Caller"] = "+33612345678", ["CallerCountry"] = "FR", ["Direction"] = "inbound",
            ["From"] = "+33612345678", ["FromCountry"] = "FR", ["To"] = "+33184880000", ["ToCountry"] = "FR",
        };
        foreach (var (name, value) in extra) parameters[name] = value;
        return parameters;
    }

    private static async Task<HttpResponseMessage> PostTwilioAsync(TestApp app, Dictionary<string, string> parameters, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/call/twilio") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature.Compute(TwilioToken, TwilioUrl, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList()));
        return await app.Client.SendAsync(request);
    }

    [Fact]
    public async Task Twilio_callbacks_in_any_order_merge_into_one_lead_that_reaches_the_pipeline_once()
    {
        await using var app = await TestApp.StartAsync(new() { ["Twilio:AuthToken"] = TwilioToken });
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var ringing = TwilioCall(sid, ("CallStatus", "ringing"));
        var completed = TwilioCall(sid, ("CallStatus", "completed"), ("CallDuration", "87"), ("CallbackSource", "call-progress-events"), ("SequenceNumber", "3"));
        var recording = TwilioCall(sid, ("RecordingSid", "RE" + Guid.NewGuid().ToString("N")), ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE7"), ("RecordingStatus", "completed"), ("RecordingDuration", "80"));
        var transcription = TwilioCall(sid, ("TranscriptionSid", "TR" + Guid.NewGuid().ToString("N")), ("TranscriptionText", "Bonjour, Paul Martin, rappelez-moi pour un devis."), ("TranscriptionStatus", "completed"));

        // Out of order: the transcription and the final status before the voice URL request.
        using var t = await PostTwilioAsync(app, transcription);
        using var c = await PostTwilioAsync(app, completed);
        using var r = await PostTwilioAsync(app, recording);
        using var v = await PostTwilioAsync(app, ringing);
        using var repeated = await PostTwilioAsync(app, completed);

        Assert.Equal(HttpStatusCode.NoContent, c.StatusCode);
        Assert.Equal(HttpStatusCode.OK, v.StatusCode);
        Assert.Equal("text/xml", v.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", await v.Content.ReadAsStringAsync());
        var ids = new[] { t, c, r, v, repeated }.Select(m => m.Headers.GetValues("X-Lead-Id").Single()).Distinct().ToList();
        var id = Assert.Single(ids);

        var lead = await LoadAsync(app, id);
        Assert.Equal((Channel.Call, "twilio", "+33612345678"), (lead.Channel, lead.Provider, lead.Contact.Phone));
        Assert.Equal(sid, lead.Captured.Call!.CallKey);
        Assert.Equal(87, lead.Captured.Call.DurationSeconds);
        Assert.NotNull(lead.Captured.Call.RecordingUrl);
        Assert.Equal("Bonjour, Paul Martin, rappelez-moi pour un devis.", lead.Captured.Message);
        Assert.Equal(1, await ScreenedCountAsync(app, id));
        Assert.Equal(1, await app.CountLeadRowsAsync());
        // One raw payload per distinct delivery; the repeated one changed nothing.
        Assert.Equal(4, await CountRawRowsAsync(app));
    }

    [Fact]
    public async Task Twilio_forged_or_missing_signature_is_401_and_stored_nowhere()
    {
        await using var app = await TestApp.StartAsync(new() { ["Twilio:AuthToken"] = TwilioToken });
        var call = TwilioCall("CA" + Guid.NewGuid().ToString("N"), ("CallStatus", "ringing"));

        using var forged = await PostTwilioAsync(app, call, "gUccN9uDd2sFEIwgzutmxMJJ7u0=");
        await BadInputTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "X-Twilio-Signature");
        using var missing = await app.Client.PostAsync("/api/intake/call/twilio", new FormUrlEncodedContent(call));
        await BadInputTests.AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "X-Twilio-Signature");
        // Signed for the address the request really reached (the Host header) rather than the public URL: refused.
        var hostSigned = TwilioSignature.Compute(TwilioToken, app.Client.BaseAddress + "api/intake/call/twilio", call.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList());
        using var wrongUrl = await PostTwilioAsync(app, call, hostSigned);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUrl.StatusCode);

        Assert.Equal(0, await app.CountLeadRowsAsync());
        Assert.Equal(0, await CountRawRowsAsync(app));
    }

    [Fact]
    public async Task Twilio_json_callback_is_verified_through_its_body_hash_and_captured()
    {
        await using var app = await TestApp.StartAsync(new() { ["Twilio:AuthToken"] = TwilioToken });
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes($$"""{"CallSid":"{{sid}}","From":"+33612345678","To":"+33184880000","CallStatus":"no-answer","Direction":"inbound","FromCountry":"FR"}""");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        var path = $"/api/intake/call/twilio?bodySHA256={hash}";
        // JSON variant: Twilio signs the URL (with bodySHA256) and no parameters.
        var signature = TwilioSignature.Compute(TwilioToken, "http://127.0.0.1:7071" + path, []);

        HttpRequestMessage Request(byte[] content, string sig)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Twilio-Signature", sig);
            return request;
        }
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("+33612345678", "+33699999999", StringComparison.Ordinal));
        using var forged = await app.Client.SendAsync(Request(tampered, signature));
        await BadInputTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "X-Twilio-Signature");
        Assert.Equal(0, await app.CountLeadRowsAsync());

        using var genuine = await app.Client.SendAsync(Request(body, signature));
        Assert.True(genuine.IsSuccessStatusCode, await genuine.Content.ReadAsStringAsync());
        var lead = await LoadAsync(app, genuine.Headers.GetValues("X-Lead-Id").Single());
        Assert.Equal((Channel.Call, "twilio", "+33612345678"), (lead.Channel, lead.Provider, lead.Contact.Phone));
        Assert.Equal(sid, lead.Captured.Call!.CallKey);
    }

    private static StringContent Aircall(string token, long callId, string @event) => new(
        $$"""
        { "resource":"call", "event":"{{@event}}", "timestamp":1767225690, "token":"{{token}}",
          "data":{ "id":{{callId}}, "direction":"inbound", "status":"done", "missed_call_reason":"agents_did_not_answer",
            "started_at":1767225600, "answered_at":null, "ended_at":1767225660, "duration":25, "raw_digits":"+33 6 12 34 56 78",
            "recording":null, "voicemail":"https://voicemail.example/vm.mp3",
            "number":{"id":4242,"name":"Ventes FR","digits":"+33 1 84 88 00 00","country":"FR"},
            "user":null, "contact":{"first_name":"Jeanne","last_name":"Dupont","company_name":"Fonderie des Vosges"}, "tags":[], "comments":[] } }
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Aircall_token_is_checked_and_events_of_one_call_update_one_lead()
    {
        await using var app = await TestApp.StartAsync(new() { ["Aircall:Token"] = "a1b2c3d4e5f6a7b8c9d0" });
        var callId = Random.Shared.NextInt64(100_000, 999_999_999);

        using var forged = await app.Client.PostAsync("/api/intake/call/aircall", Aircall("wrong", callId, "call.created"));
        await BadInputTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "token");
        Assert.Equal(0, await app.CountLeadRowsAsync());

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/call/aircall", Aircall("a1b2c3d4e5f6a7b8c9d0", callId, "call.created")));
        using var ended = await app.Client.PostAsync("/api/intake/call/aircall", Aircall("a1b2c3d4e5f6a7b8c9d0", callId, "call.ended"));
        Assert.Equal(id, await AssertCapturedAsync(ended, HttpStatusCode.OK));
        using var again = await app.Client.PostAsync("/api/intake/call/aircall", Aircall("a1b2c3d4e5f6a7b8c9d0", callId, "call.ended"));
        Assert.Equal(id, await AssertCapturedAsync(again, HttpStatusCode.OK));
        Assert.True((await JsonAsync(again)).GetProperty("duplicate").GetBoolean());

        var lead = await LoadAsync(app, id);
        Assert.Equal(("aircall", "+33612345678"), (lead.Provider, lead.Contact.Phone));
        Assert.True(lead.Captured.Call!.IsFinal);
        Assert.Equal(1, await ScreenedCountAsync(app, id));
    }

    [Fact]
    public async Task Acs_event_grid_handshake_is_answered_and_incoming_calls_are_captured()
    {
        await using var app = await TestApp.StartAsync();
        const string validation = """[{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/x"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-01-01T10:00:00Z","metadataVersion":"1","dataVersion":"2"}]""";
        using var handshake = await app.Client.PostAsync("/api/intake/call/acs", new StringContent(validation, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, handshake.StatusCode);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await JsonAsync(handshake)).GetProperty("validationResponse").GetString());

        var incoming = $$$"""
            [{ "id":"{{{Guid.NewGuid()}}}", "topic":"/subscriptions/x/providers/Microsoft.Communication/communicationServices/acs-leads",
               "subject":"/caller/4:+33612345678/recipient/4:+33184880000", "eventType":"Microsoft.Communication.IncomingCall",
               "data":{ "to":{"kind":"phoneNumber","rawId":"4:+33184880000","phoneNumber":{"value":"+33184880000"}},
                        "from":{"kind":"phoneNumber","rawId":"4:+33612345678","phoneNumber":{"value":"+33612345678"}},
                        "serverCallId":"aHR0cHM6Ly9leGFtcGxlLmludmFsaWQv", "callerDisplayName":"+33612345678",
                        "incomingCallContext":"eyJhbGciOiJub25lIn0.eyJjYyI6Ii4uLiJ9.", "correlationId":"{{{Guid.NewGuid()}}}" },
               "dataVersion":"1.0", "metadataVersion":"1", "eventTime":"2026-01-01T10:00:00.000Z" }]
            """;
        using var call = await app.Client.PostAsync("/api/intake/call/acs", new StringContent(incoming, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var id = (await JsonAsync(call)).GetProperty("leads")[0].GetProperty("id").GetString()!;
        Assert.Equal(("acs", "+33612345678"), ((await LoadAsync(app, id)).Provider, (await LoadAsync(app, id)).Contact.Phone));
        // ACS never reports the end of the call: the first event enters the pipeline.
        Assert.Equal(1, await ScreenedCountAsync(app, id));
    }

    [Fact]
    public async Task Generic_missed_call_with_no_voicemail_is_still_a_lead()
    {
        await using var app = await TestApp.StartAsync();
        var body = $$"""{ "callId": "pbx-{{Guid.NewGuid():N}}", "from": "+33612457890", "to": "+33176540000", "callerName": "MARTIN PAUL", "durationSec": 0, "status": "no-answer", "startedAt": "2026-01-01T10:00:00Z" }""";

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/call/generic", new StringContent(body, Encoding.UTF8, "application/json")));

        var lead = await LoadAsync(app, id);
        Assert.Equal(("generic", "+33612457890"), (lead.Provider, lead.Contact.Phone));
        Assert.Equal("Missed call, no voicemail: call back.", lead.Captured.Message);
        Assert.Equal(1, await ScreenedCountAsync(app, id));
    }

    public static TheoryData<string, string, string, string, HttpStatusCode, string> CallBadInput() => new()
    {
        { "unknown provider", "/api/intake/call/skype", "application/json", "{}", HttpStatusCode.NotFound, "provider" },
        { "twilio as XML", "/api/intake/call/twilio", "application/xml", "<Call/>", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "twilio JSON without CallSid", "/api/intake/call/twilio", "application/json", "{\"From\":\"+33612345678\"}", HttpStatusCode.UnprocessableEntity, "CallSid" },
        { "twilio JSON array", "/api/intake/call/twilio", "application/json", "[1]", HttpStatusCode.BadRequest, "body" },
        { "aircall as form", "/api/intake/call/aircall", "application/x-www-form-urlencoded", "a=b", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "twilio without CallSid", "/api/intake/call/twilio", "application/x-www-form-urlencoded", "From=%2B33612345678&CallStatus=ringing", HttpStatusCode.UnprocessableEntity, "CallSid" },
        { "malformed JSON", "/api/intake/call/generic", "application/json", "{\"callId\":", HttpStatusCode.BadRequest, "body" },
        { "too deep JSON", "/api/intake/call/acs", "application/json", new string('[', 100) + new string(']', 100), HttpStatusCode.BadRequest, "body" },
        { "acs not an array", "/api/intake/call/acs", "application/json", "{\"eventType\":\"x\"}", HttpStatusCode.UnprocessableEntity, "body" },
        { "generic without caller", "/api/intake/call/generic", "application/json", "{\"status\":\"missed\"}", HttpStatusCode.UnprocessableEntity, "from" },
        { "generic hostile url", "/api/intake/call/generic", "application/json", "{\"callId\":\"x1\",\"from\":\"+33612345678\",\"recordingUrl\":\"javascript:alert(1)\"}", HttpStatusCode.UnprocessableEntity, "recordingUrl" },
        { "oversize", "/api/intake/call/generic", "application/json", "{\"transcript\":\"" + new string('x', 5000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "body" },
    };

    [Fact]
    public async Task Bad_call_input_is_a_problem_naming_what_was_wrong_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(new() { ["Intake:MaxWebhookBodyBytes"] = "4096" });
        foreach (var row in CallBadInput())
        {
            var (because, path, type, body, status, field) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3], (HttpStatusCode)row[4], (string)row[5]);
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var response = await app.Client.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{because}: expected {status}, got {response.StatusCode}: {text}");
            await BadInputTests.AssertProblemAsync(response, status, field);
        }
        Assert.Equal(0, await app.CountLeadRowsAsync());
        Assert.Equal(0, await CountRawRowsAsync(app));
    }
}
