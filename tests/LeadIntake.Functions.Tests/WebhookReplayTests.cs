using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// A valid signature lifted from one delivery onto another is refused (401, "already used") and stores nothing; the
/// same delivery sent again is the provider's retry and gets 200 with the same lead id.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class WebhookReplayTests
{
    private const string MailgunKey = "mg_signing_key_example";
    private const string TwilioToken = "0123456789abcdef0123456789abcdef";
    private const string TwilioUrl = "http://127.0.0.1:7071/api/intake/call/twilio";
    private const string MetaSecret = "meta_app_secret_example_0001";

    private static FormUrlEncodedContent MailgunPost(string timestamp, string token, string signature, string sender, string messageId, string text) =>
        new(new Dictionary<string, string>
        {
            ["recipient"] = "leads@mg.example.com",
            ["sender"] = sender,
            ["from"] = sender,
            ["subject"] = "Demande de devis",
            ["body-plain"] = text,
            ["message-headers"] = $"[[\"Subject\", \"Demande de devis\"], [\"Message-Id\", \"<{messageId}>\"]]",
            ["timestamp"] = timestamp,
            ["token"] = token,
            ["signature"] = signature,
        });

    [Fact]
    public async Task Mailgun_token_replayed_onto_another_mail_is_401_and_the_same_delivery_again_is_200_with_the_same_id()
    {
        await using var app = await TestApp.StartAsync(new() { ["Mailgun:SigningKey"] = MailgunKey });
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var token = Guid.NewGuid().ToString("N") + "0123456789abcdefgh";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MailgunKey), Encoding.UTF8.GetBytes(timestamp + token)));
        var original = $"{Guid.NewGuid():N}@mail.example.org";

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/mailgun",
            MailgunPost(timestamp, token, signature, "jeanne.dupont@example.org", original, "Bonjour, un devis pour 20 postes svp, rappelez-moi au +33 6 12 34 56 78")));
        using var retried = await app.Client.PostAsync("/api/intake/email/mailgun",
            MailgunPost(timestamp, token, signature, "jeanne.dupont@example.org", original, "Bonjour, un devis pour 20 postes svp, rappelez-moi au +33 6 12 34 56 78"));
        Assert.Equal(id, await AssertCapturedAsync(retried, HttpStatusCode.OK));

        using var replayed = await app.Client.PostAsync("/api/intake/email/mailgun",
            MailgunPost(timestamp, token, signature, "mallory@attacker.example", $"{Guid.NewGuid():N}@attacker.example", "Buy cheap watches"));

        await BadInputTests.AssertProblemAsync(replayed, HttpStatusCode.Unauthorized, "token");
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountLeadRowsAsync());
        Assert.Equal(1, await CountRawRowsAsync(app));
    }

    private static Dictionary<string, string> TwilioCall(string callSid) => new()
    {
        ["AccountSid"] = "AC00000000000000000000000000000001", ["ApiVersion"] = "2010-04-01", ["CallSid"] = callSid,
        ["CallStatus"] = "ringing", ["Called"] = "+33184880000", ["Caller"] = "+33612345678", ["Direction"] = "inbound",
        ["From"] = "+33612345678", ["To"] = "+33184880000",
    };

    private static string TwilioSign(Dictionary<string, string> parameters) =>
        TwilioSignature.Compute(TwilioToken, TwilioUrl, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList());

    private static Task<HttpResponseMessage> PostTwilioAsync(TestApp app, Dictionary<string, string> parameters, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/call/twilio") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return app.Client.SendAsync(request);
    }

    [Fact]
    public async Task Twilio_signature_replayed_with_another_body_that_signs_alike_is_401_and_an_identical_redelivery_keeps_its_lead()
    {
        await using var app = await TestApp.StartAsync(new() { ["Twilio:AuthToken"] = TwilioToken });
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = TwilioCall(sid);
        var signature = TwilioSign(call);

        using var first = await PostTwilioAsync(app, call, signature);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = first.Headers.GetValues("X-Lead-Id").Single();
        using var again = await PostTwilioAsync(app, call, signature);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, again.Headers.GetValues("X-Lead-Id").Single());

        // Twilio signs names and values glued together: CallSid=CA…+CallStatus=ringing and CallSid=CA…CallStatusringing
        // sign alike, and the second is another call: without replay protection, a new lead.
        var forged = new Dictionary<string, string>(call) { ["CallSid"] = sid + "CallStatusringing" };
        forged.Remove("CallStatus");
        Assert.Equal(signature, TwilioSign(forged));
        using var replayed = await PostTwilioAsync(app, forged, signature);

        await BadInputTests.AssertProblemAsync(replayed, HttpStatusCode.Unauthorized, "X-Twilio-Signature");
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountLeadRowsAsync());
        Assert.Equal(1, await CountRawRowsAsync(app));
    }

    [Fact]
    public async Task Meta_signature_replayed_with_another_body_is_401_and_an_identical_redelivery_is_the_same_lead()
    {
        await using var graph = await StandInServer.StartAsync(async context =>
        {
            var leadgenId = context.Request.Path.Value!.Split('/').Last();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""
                {"id":"{{leadgenId}}","created_time":"2026-01-01T10:00:00+0000","field_data":[{"name":"full_name","values":["Jeanne Dupont"]},
                 {"name":"email","values":["jeanne.dupont-{{leadgenId}}@example.org"]}]}
                """);
        });
        await using var app = await TestApp.StartAsync(new()
        {
            ["Meta:AppSecret"] = MetaSecret, ["Meta:AccessToken"] = "page-token", ["Meta:GraphBaseUrl"] = graph.BaseUrl + "/v21.0",
        });
        string Notification(string leadgenId) =>
            "{\"object\":\"page\",\"entry\":[{\"id\":\"104857600123456\",\"time\":1767225600,\"changes\":[{\"field\":\"leadgen\",\"value\":"
            + $"{{\"ad_id\":\"1\",\"form_id\":\"2\",\"leadgen_id\":\"{leadgenId}\",\"created_time\":1767225599,\"page_id\":\"104857600123456\"}}}}]}}]}}";
        HttpRequestMessage Post(string body, string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/social/meta") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(MetaSignature.HeaderName, signature);
            return request;
        }
        var leadgen = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        var body = Notification(leadgen);
        var signature = MetaSignature.Compute(MetaSecret, Encoding.UTF8.GetBytes(body));

        using var first = await app.Client.SendAsync(Post(body, signature));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = (await JsonAsync(first)).GetProperty("leads")[0].GetProperty("id").GetString();
        using var again = await app.Client.SendAsync(Post(body, signature));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = (await JsonAsync(again)).GetProperty("leads")[0];
        Assert.Equal((id, true), (repeated.GetProperty("id").GetString(), repeated.GetProperty("duplicate").GetBoolean()));

        using var replayed = await app.Client.SendAsync(Post(Notification(leadgen + "1"), signature));

        await BadInputTests.AssertProblemAsync(replayed, HttpStatusCode.Unauthorized, MetaSignature.HeaderName);
        Assert.Equal(1, await app.CountLeadRowsAsync());
        Assert.DoesNotContain(graph.Requests, r => r.Contains(leadgen + "1", StringComparison.Ordinal));
    }
}
