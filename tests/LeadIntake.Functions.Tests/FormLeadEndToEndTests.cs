using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class FormLeadEndToEndTests
{
    [Fact]
    public async Task Form_lead_is_stored_screened_assigned_and_mailed_to_the_default_rep()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        using var response = await app.PostFormAsync(new
        {
            firstName = "Sophie",
            lastName = "Garnier",
            email = "s.garnier@fonderie.example",
            phone = "+33 3 29 55 12 40",
            company = "Fonderie <Vosges>",
            message = "Pouvez-vous nous faire une proposition chiffrée ?",
            utm_source = "google",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal("captured", body.GetProperty("status").GetString());
        Assert.Equal($"/api/leads/{id}", response.Headers.Location?.OriginalString);

        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.Equal("commercial", lead.GetProperty("intent").GetString());
        Assert.Equal("form", lead.GetProperty("channel").GetString());
        Assert.Equal("web", lead.GetProperty("provider").GetString());
        Assert.Equal(app.RepEmail, lead.GetProperty("assignedRep").GetString());
        Assert.Equal("google", lead.GetProperty("source").GetProperty("utmSource").GetString());
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["captured", "screened", "assigned", "rep_notified"], events);
        Assert.All(lead.GetProperty("events").EnumerateArray(), e => Assert.True(e.TryGetProperty("at", out _)));
        var stages = lead.GetProperty("stageTimes");
        Assert.True(stages.TryGetProperty("captured", out _) && stages.TryGetProperty("mql", out _) && stages.TryGetProperty("assigned", out _));

        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(5)));
        Assert.Contains("Fonderie <Vosges>", repMail.Subject);
        Assert.Contains("s.garnier@fonderie.example", repMail.ReplyTo);
        Assert.Contains("proposition chiffrée", repMail.Text);
        // User-provided values are HTML-encoded in the HTML part.
        Assert.Contains("Fonderie &lt;Vosges&gt;", repMail.Html);
        Assert.DoesNotContain("<Vosges>", repMail.Html);
    }

    [Fact]
    public async Task Urlencoded_form_post_is_accepted_like_json()
    {
        await using var app = await TestApp.StartAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Daniel Okafor",
            ["email"] = "dokafor@northbridge.example",
            ["message"] = "Could someone walk us through a demo?",
            ["website"] = "",
        });
        using var response = await app.Client.PostAsync("/api/intake/form", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.Equal("Daniel Okafor", lead.GetProperty("contact").GetProperty("fullName").GetString());
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Repeated_delivery_with_the_same_idempotency_key_returns_the_same_lead_and_mails_once()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var form = new { email = "buyer@acme.example", message = "Quote for 10 units please" };

        using var first = await app.PostFormAsync(form, idempotencyKey: "form-submit-42");
        using var second = await app.PostFormAsync(form, idempotencyKey: "form-submit-42");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstId, secondBody.GetProperty("id").GetString());
        Assert.True(secondBody.GetProperty("duplicate").GetBoolean());

        await app.WaitForLeadAsync(firstId, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        await PipelineDrain.UntilIdleAsync(app); // a wrongly queued second copy would still be on a queue
        Assert.Equal(1, await app.CountLeadRowsAsync());
        Assert.Single(await mail.ToAsync(app.RepEmail));
    }

    [Fact]
    public async Task Health_reports_storage_reachable_and_queue_depths()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("reachable", body.GetProperty("storage").GetProperty("tables").GetString());
        Assert.True(body.GetProperty("queues").TryGetProperty("leads-captured-poison", out _));
    }
}
