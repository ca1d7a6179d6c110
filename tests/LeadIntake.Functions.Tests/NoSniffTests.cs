using System.Net;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

/// <summary>Answers that are not JSON (text echo, TwiML, HTML pages, problems, empty ones) must not be sniffed by a browser.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class NoSniffTests
{
    [Fact]
    public async Task Every_kind_of_answer_says_nosniff()
    {
        await using var app = await TestApp.StartAsync(new() { ["Meta:VerifyToken"] = "meatyhamhock" });
        var twiml = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"), ["CallStatus"] = "ringing", ["Direction"] = "inbound", ["From"] = "+33612345678", ["To"] = "+33184880000",
        });
        var requests = new (string Name, HttpRequestMessage Request, HttpStatusCode Status, string MediaType)[]
        {
            ("meta echo", new(HttpMethod.Get, "/api/intake/social/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"), HttpStatusCode.OK, "text/plain"),
            ("meta refusal", new(HttpMethod.Get, "/api/intake/social/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess"), HttpStatusCode.Forbidden, "application/problem+json"),
            ("twiml", new(HttpMethod.Post, "/api/intake/call/twilio") { Content = twiml }, HttpStatusCode.OK, "text/xml"),
            ("rep page, bad link", new(HttpMethod.Get, "/api/rep/leads/01KBCDEFGHJKMNPQRSTVWXYZ00/accept?t=nope"), HttpStatusCode.Forbidden, "text/html"),
            ("form lead", new(HttpMethod.Post, "/api/intake/form") { Content = new StringContent("{\"email\":\"a@b.example\",\"message\":\"devis\"}", System.Text.Encoding.UTF8, "application/json") }, HttpStatusCode.Accepted, "application/json"),
            ("unknown route", new(HttpMethod.Get, "/api/nothing-here"), HttpStatusCode.NotFound, ""),
        };
        foreach (var (name, request, status, mediaType) in requests)
        {
            using var response = await app.Client.SendAsync(request);
            Assert.True(status == response.StatusCode, $"{name}: {response.StatusCode}");
            if (mediaType.Length > 0) Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), name);
            Assert.Equal(["nosniff"], values);
        }
    }
}
