using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// Storage goes away under a running app and comes back on the same ports with the same data (an emulator pair of the
/// test's own, stopped and started again). Before the fix the listeners died on the SDK's AggregateException, intake
/// answered 500, health said 200, and a lead posted after the return stayed <c>captured</c> until the app restarted.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static object Lead(int n) => new
    {
        firstName = "Claire",
        lastName = "Dumont",
        email = $"c.dumont{n}@atelier{n}.example",
        company = $"Atelier {n}",
        message = "Pouvez-vous nous envoyer un devis pour 40 postes ?",
    };

    [Fact]
    public async Task During_a_storage_outage_intake_answers_503_with_Retry_After_health_is_degraded_and_afterwards_a_new_lead_is_assigned_and_mailed_without_a_restart()
    {
        await using var storage = await StorageEmulator.StartAsync();
        await using var app = await TestApp.StartAsync(storage: storage.ConnectionString, settings: new() { ["Intake:StorageDeadline"] = "00:00:03" });
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var runtime = app.GetService<QueueRuntimeStatus>();
        var before = await app.PostLeadAsync(Lead(1));
        Assert.True(TestApp.IsNotified(await app.WaitForLeadAsync(before, TestApp.IsNotified, Patience)));
        int rowsBefore = await app.CountLeadRowsAsync();

        await storage.StopAsync();
        await WaitUntilAsync(() => runtime.Snapshot().OutageSince is not null);

        // (c) degraded, not 200, while nothing can move.
        using (var health = await app.Client.GetAsync("/api/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("degraded", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
        // (d) 503 with Retry-After and problem+json, never 500.
        for (int n = 2; n <= 4; n++)
        {
            using var refused = await app.PostFormAsync(Lead(n));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("storage", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        // An admin read meets the same outage: 503, not 500.
        var read = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{before}");
        read.Headers.Add("x-functions-key", TestApp.AdminKey);
        using (var admin = await app.Client.SendAsync(read)) Assert.Equal(HttpStatusCode.ServiceUnavailable, admin.StatusCode);

        await storage.RestartAsync();

        // (a) the same app, not restarted: a lead posted now goes all the way to its rep's mailbox.
        var after = await PostUntilAcceptedAsync(app, Lead(5));
        var lead = await app.WaitForLeadAsync(after, TestApp.IsNotified, Patience);
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        var mails = await mail.WaitAsync(app.RepEmail, 2, Patience);
        Assert.Equal(2, mails.Count);
        // Nothing of the refused posts was stored: the leads are the one before and the one after.
        Assert.Equal(rowsBefore + 1, await app.CountLeadRowsAsync());

        // (c) healthy again once the listeners have seen storage answer.
        await WaitUntilAsync(() => runtime.Snapshot().OutageSince is null);
        using var healthy = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("healthy", (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.All(runtime.Snapshot().Listeners.Values, s => Assert.Equal(ListenerState.Running, s));
    }

    [Fact]
    public async Task Leads_queued_before_storage_went_away_and_leads_retried_during_it_drain_after_it_returns()
    {
        await using var storage = await StorageEmulator.StartAsync();
        await using var app = await TestApp.StartAsync(storage: storage.ConnectionString);
        var runtime = app.GetService<QueueRuntimeStatus>();
        var queued = new List<string>();
        for (int n = 1; n <= 10; n++) queued.Add(await app.PostLeadAsync(Lead(n)));

        await storage.StopAsync();
        await WaitUntilAsync(() => runtime.Snapshot().OutageSince is not null);
        // A form page retrying on 503 (docs/reliability.md) keeps trying through the outage.
        var retrying = Enumerable.Range(11, 5).Select(n => PostUntilAcceptedAsync(app, Lead(n))).ToArray();
        await storage.RestartAsync();
        queued.AddRange(await Task.WhenAll(retrying));

        foreach (var id in queued)
        {
            var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, Patience);
            Assert.True(TestApp.IsNotified(lead), $"lead {id} is {lead.GetProperty("status").GetString()}");
        }
        Assert.Equal(15, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task While_storage_hangs_intake_answers_503_within_its_deadline_instead_of_holding_the_caller()
    {
        await using var storage = await StorageEmulator.StartAsync();
        await using var app = await TestApp.StartAsync(storage: storage.ConnectionString, settings: new() { ["Intake:StorageDeadline"] = "00:00:02" });
        await app.PostLeadAsync(Lead(1));

        await storage.PauseAsync();
        HttpResponseMessage refused;
        try
        {
            // Without the deadline the SDK waits its 30 s network timeout per try: this client gives up long before.
            using var impatient = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            refused = await impatient.PostAsync(new Uri("/api/intake/form", UriKind.Relative), JsonContent.Create(Lead(2)));
        }
        finally
        {
            await storage.ResumeAsync();
        }

        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>What the form snippet does: on 503 wait Retry-After seconds and post again, a bounded number of times.</summary>
    private static async Task<string> PostUntilAcceptedAsync(TestApp app, object body)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var response = await app.PostFormAsync(body);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(attempt < 30, "still 503 after 30 attempts");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1)));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!condition() && TimeProvider.System.GetUtcNow() < deadline) await Task.Delay(100);
        Assert.True(condition(), "the condition did not hold within 60 s");
    }
}
