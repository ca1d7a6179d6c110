using System.Net;
using System.Text;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class SocialIntakeTests
{
    private const string AppSecret = "meta_app_secret_example_0001";

    private static string Notification(params string[] leadgenIds) =>
        "{\"object\":\"page\",\"entry\":[{\"id\":\"104857600123456\",\"time\":1767225600,\"changes\":["
        + string.Join(",", leadgenIds.Select(id => $"{{\"field\":\"leadgen\",\"value\":{{\"ad_id\":\"120210000000000001\",\"form_id\":\"998877665544332\",\"leadgen_id\":\"{id}\",\"created_time\":1767225599,\"page_id\":\"104857600123456\",\"adgroup_id\":\"120210000000000001\"}}}}"))
        + "]}]}";

    private static HttpRequestMessage Signed(string body, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/social/meta") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", signature ?? MetaSignature.Compute(AppSecret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    [Fact]
    public async Task Meta_leads_are_fetched_from_graph_and_a_graph_failure_fails_the_delivery_keeping_leads_already_captured()
    {
        var failing = new HashSet<string>();
        await using var graph = await StandInServer.StartAsync(async context =>
        {
            var leadgenId = context.Request.Path.Value!.Split('/').Last();
            if (failing.Contains(leadgenId)) { context.Response.StatusCode = 500; return; }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""
                {"id":"{{leadgenId}}","created_time":"2026-01-01T10:00:00+0000","ad_id":"120210000000000001","form_id":"998877665544332",
                 "campaign_name":"Q1 devis","platform":"ig","field_data":[{"name":"full_name","values":["Jeanne Dupont"]},
                 {"name":"email","values":["jeanne.dupont-{{leadgenId}}@example.org"]},{"name":"phone_number","values":["+33612345678"]},
                 {"name":"budget","values":["10-50k"]}]}
                """);
        });
        await using var app = await TestApp.StartAsync(new()
        {
            ["Meta:AppSecret"] = AppSecret, ["Meta:AccessToken"] = "page-token", ["Meta:GraphBaseUrl"] = graph.BaseUrl + "/v21.0",
        });
        var first = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var second = (long.Parse(first, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Notification(first, second);

        using var forged = await app.Client.SendAsync(Signed(body, "sha256=" + new string('0', 64)));
        await BadInputTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "X-Hub-Signature-256");
        Assert.Empty(graph.Requests);

        failing.Add(second);
        using var partial = await app.Client.SendAsync(Signed(body));
        await BadInputTests.AssertProblemAsync(partial, HttpStatusCode.BadGateway, "leadgen_id");
        Assert.Equal(1, await app.CountLeadRowsAsync());

        failing.Clear();
        using var retried = await app.Client.SendAsync(Signed(body));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var leads = (await JsonAsync(retried)).GetProperty("leads").EnumerateArray().ToList();
        Assert.Equal([true, false], leads.Select(l => l.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(2, await app.CountLeadRowsAsync());
        Assert.All(graph.Requests, r => Assert.Contains("auth=Bearer page-token", r));

        var lead = await LoadAsync(app, leads[1].GetProperty("id").GetString()!);
        Assert.Equal((Channel.Social, "meta", second, "+33612345678"), (lead.Channel, lead.Provider, lead.Captured.ProviderEventId, lead.Contact.Phone));
        Assert.Equal("instagram", lead.Captured.Source.UtmSource);
    }

    [Fact]
    public async Task Meta_verification_echoes_the_challenge_only_with_the_right_token()
    {
        await using var app = await TestApp.StartAsync(new() { ["Meta:VerifyToken"] = "meatyhamhock" });

        using var ok = await app.Client.GetAsync("/api/intake/social/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        using var wrong = await app.Client.GetAsync("/api/intake/social/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        await BadInputTests.AssertProblemAsync(wrong, HttpStatusCode.Forbidden, "hub.verify_token");
    }

    [Fact]
    public async Task Generic_social_lead_is_captured_once_and_bad_input_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var body = $$"""
            { "platform": "linkedin", "leadId": "urn:li:leadGenFormResponse:{{Guid.NewGuid()}}", "createdAt": "2026-01-01T10:00:00Z",
              "formName": "Demo request", "campaign": "UK estates Q1", "firstName": "Daniel", "lastName": "Okafor",
              "email": "dokafor@northbridge-hospital.example", "phone": "020 7946 0321", "company": "Northbridge Hospital Trust",
              "jobTitle": "Estates Manager", "country": "GB", "message": "Could someone walk us through a demo next week?", "answers": { "sites": "2" } }
            """;
        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/social/generic", new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.Equal(id, await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/social/generic", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.OK));
        var lead = await LoadAsync(app, id);
        Assert.Equal(("linkedin", "+442079460321"), (lead.Provider, lead.Contact.Phone));
        Assert.Equal(1, await ScreenedCountAsync(app, id));

        (string Path, string Type, string Body, HttpStatusCode Status, string Field)[] bad =
        [
            ("/api/intake/social/tiktok", "application/json", "{}", HttpStatusCode.NotFound, "provider"),
            ("/api/intake/social/generic", "text/plain", "{}", HttpStatusCode.UnsupportedMediaType, "Content-Type"),
            ("/api/intake/social/generic", "application/json", "{\"platform\":", HttpStatusCode.BadRequest, "body"),
            ("/api/intake/social/generic", "application/json", "{\"platform\":\"linkedin\"}", HttpStatusCode.UnprocessableEntity, "leadId"),
            ("/api/intake/social/meta", "application/json", "{\"object\":\"page\",\"entry\":[{\"changes\":[{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"<x>\"}}]}]}", HttpStatusCode.UnprocessableEntity, "entry[0].changes[0].value.leadgen_id"),
        ];
        foreach (var (path, type, text, status, field) in bad)
        {
            using var content = new StringContent(text, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var response = await app.Client.PostAsync(path, content);
            await BadInputTests.AssertProblemAsync(response, status, field);
        }
        Assert.Equal(1, await app.CountLeadRowsAsync());
    }
}
