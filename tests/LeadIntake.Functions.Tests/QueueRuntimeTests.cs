using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Mail;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class QueueRuntimeTests
{
    private static readonly object Lead = new { email = "buyer@acme.example", company = "Acme", message = "Please send pricing" };

    private static Action<IServiceCollection> WithFaultyMail(Action<FaultyMailSender> configure) => services =>
        services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp =>
        {
            var sender = new FaultyMailSender(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>());
            configure(sender);
            return sender;
        }));

    [Fact]
    public async Task Message_moves_to_poison_with_content_intact_after_maxDequeueCount_failures_and_replay_brings_it_back()
    {
        await using var app = await TestApp.StartAsync(
            // The poison path under test is the dispatch queue's: dispatch runs from it, not inline after screening.
            settings: new() { ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3", ["Dispatch:InlineAfterScreening"] = "false" },
            services: WithFaultyMail(s => s.Failing = true));
        var sender = (FaultyMailSender)app.GetService<IMailSender>();
        var poison = app.RawQueue("leads-dispatch-poison");

        var id = await app.PostLeadAsync(Lead);

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        Azure.Storage.Queues.Models.PeekedMessage[] peeked = [];
        while (TimeProvider.System.GetUtcNow() < deadline && peeked.Length == 0)
        {
            peeked = (await poison.PeekMessagesAsync(10)).Value;
            await Task.Delay(200);
        }
        var message = Assert.Single(peeked);
        Assert.Equal(3, sender.Attempts.Count);
        // Base64 on the wire, as the Functions host expects, and the content unchanged: {"leadId":…}.
        var decoded = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)));
        Assert.Equal(id, decoded.RootElement.GetProperty("leadId").GetString());
        Assert.Equal(0, (await app.RawQueue("leads-dispatch").GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // After the fix, an operator replays the poison queue.
        sender.Failing = false;
        var replay = new HttpRequestMessage(HttpMethod.Post, "/api/admin/poison/leads-dispatch/replay");
        replay.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var replayed = await app.Client.SendAsync(replay);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.True(TestApp.IsNotified(lead));
        Assert.Empty((await poison.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task Failed_message_is_retried_after_the_visibility_timeout()
    {
        // Storage takes the visibility timeout in whole seconds (REST visibilitytimeout), so test with whole seconds.
        var visibility = TimeSpan.FromSeconds(2);
        await using var app = await TestApp.StartAsync(
            // The retry under test is the dispatch queue's: dispatch runs from it, not inline after screening.
            settings: new() { ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = visibility.ToString(), ["Dispatch:InlineAfterScreening"] = "false" },
            services: WithFaultyMail(s => s.FailFirst = 1));
        var sender = (FaultyMailSender)app.GetService<IMailSender>();

        var id = await app.PostLeadAsync(Lead);
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(15));

        Assert.True(TestApp.IsNotified(lead));
        var attempts = sender.Attempts.ToArray();
        Assert.Equal(2, attempts.Length);
        // Not before the visibility timeout (small allowance for clock granularity).
        Assert.True(attempts[1] - attempts[0] >= visibility - TimeSpan.FromMilliseconds(100), $"retried after {attempts[1] - attempts[0]}");
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Single(events, e => e == "assigned");
    }

    [Fact]
    public async Task Two_runtimes_on_one_queue_never_do_the_same_lead_twice()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var rep = $"rep-{Guid.NewGuid():N}@example.com";
        await using var first = await TestApp.StartAsync(storage: storage, repEmail: rep);
        await using var second = await TestApp.StartAsync(storage: storage, repEmail: rep);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        const int leads = 30;
        var ids = await Task.WhenAll(Enumerable.Range(0, leads).Select(i =>
            (i % 2 == 0 ? first : second).PostLeadAsync(new { email = $"buyer{i}@acme.example", message = $"Could you send us a quote for {i + 2} vibration sensors?" })));

        foreach (var id in ids)
        {
            var lead = await first.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(30));
            var types = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Equal(["captured", "screened", "assigned", "rep_notified"], types);
        }
        await mail.WaitAsync(rep, leads, TimeSpan.FromSeconds(10));
        await PipelineDrain.UntilIdleAsync(first); // both instances share the account: a late duplicate would still be on a queue
        var mails = await mail.ToAsync(rep);
        Assert.Equal(leads, mails.Count);
        Assert.Equal(leads, mails.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Graceful_shutdown_loses_no_message_in_flight()
    {
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var rep = $"rep-{Guid.NewGuid():N}@example.com";
        var slow = await TestApp.StartAsync(
            storage: storage, repEmail: rep,
            settings: new() { ["AzureFunctionsJobHost:extensions:queues:DrainTimeout"] = "00:00:00.300" },
            services: WithFaultyMail(s => s.Delay = TimeSpan.FromSeconds(30)));
        var sender = (FaultyMailSender)slow.GetService<IMailSender>();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++) ids.Add(await slow.PostLeadAsync(new { email = $"p{i}@acme.example", message = "Could you send us your pricing for the monitoring subscription?" }));

        // Wait until the slow instance holds messages in flight, then stop it.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (sender.Attempts.Count < 5 && TimeProvider.System.GetUtcNow() < deadline) await Task.Delay(50);
        Assert.Equal(5, sender.Attempts.Count);
        await slow.DisposeAsync();

        // A fresh instance picks every released message up at once (no visibility timeout wait: released with 0).
        await using var next = await TestApp.StartAsync(storage: storage, repEmail: rep);
        foreach (var id in ids)
        {
            var lead = await next.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(15));
            Assert.True(TestApp.IsNotified(lead), $"lead {id} was lost: {lead}");
        }
        Assert.Equal(0, (await next.RawQueue("leads-dispatch-poison").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Lead_whose_enqueues_failed_is_queued_again_by_the_instance_without_waiting_for_the_sweeper()
    {
        FaultyPipelineQueue? faulty = null;
        await using var app = await TestApp.StartAsync(
            // The sweeper would wait a day: only the instance's own retry can move the lead.
            settings: new() { ["Intake:SweepAfter"] = "1.00:00:00" },
            services: s => s.Replace(ServiceDescriptor.Singleton<IPipelineQueue>(sp =>
                faulty = new FaultyPipelineQueue(ActivatorUtilities.CreateInstance<StoragePipelineQueue>(sp)) { FailFirst = 3 })));

        var id = await app.PostLeadAsync(Lead);

        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(20));
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.NotNull(faulty);
    }

    [Fact]
    public async Task Lead_whose_enqueue_failed_is_still_accepted_and_the_sweeper_queues_it()
    {
        FaultyPipelineQueue? faulty = null;
        await using var app = await TestApp.StartAsync(
            // The instance's own retry is off: the sweeper is the safety net when the instance stops before its retry.
            settings: new() { ["Intake:SweepAfter"] = "00:00:00", ["Intake:SweepLeasePeriod"] = "00:00:00", ["Intake:RetryFailedEnqueues"] = "false" },
            services: s => s.Replace(ServiceDescriptor.Singleton<IPipelineQueue>(sp =>
                faulty = new FaultyPipelineQueue(ActivatorUtilities.CreateInstance<StoragePipelineQueue>(sp)) { FailFirst = 1 })));

        var id = await app.PostLeadAsync(Lead);

        await PipelineDrain.UntilIdleAsync(app);
        var stuck = await app.GetLeadAsync(id);
        Assert.Equal("captured", stuck.GetProperty("status").GetString());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepCapturedLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.NotNull(faulty);
    }

    [Fact]
    public async Task Sweeper_leaves_captured_leads_alone_while_the_screening_queue_is_deep_and_queues_them_once_it_is_not()
    {
        FaultyPipelineQueue? faulty = null;
        await using var app = await TestApp.StartAsync(
            settings: new() { ["Intake:SweepAfter"] = "00:00:00", ["Intake:SweepLeasePeriod"] = "00:00:00", ["Intake:RetryFailedEnqueues"] = "false", ["Intake:SweepSkipAboveDepth"] = "100" },
            services: s => s.Replace(ServiceDescriptor.Singleton<IPipelineQueue>(sp =>
                // A backlog of 5,000 messages waits for screening (from the start, so no timer run can queue the lead).
                faulty = new FaultyPipelineQueue(ActivatorUtilities.CreateInstance<StoragePipelineQueue>(sp)) { FailFirst = 1, ReportedDepth = 5_000 })));
        var id = await app.PostLeadAsync(Lead);
        Assert.NotNull(faulty);

        // The lead is most likely queued already in such a backlog, so the run is skipped.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepCapturedLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        Assert.Equal(0, (await app.RawQueue("leads-captured").GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal("captured", (await app.GetLeadAsync(id)).GetProperty("status").GetString());

        // The backlog is gone: the next run queues the lead whose message really is missing.
        faulty.ReportedDepth = null;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepCapturedLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(15));
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_to_poison_untouched_without_running_the_function()
    {
        await using var app = await TestApp.StartAsync();
        await app.RawQueue("leads-captured").SendMessageAsync("not base64 at all!");

        var poison = app.RawQueue("leads-captured-poison");
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        Azure.Storage.Queues.Models.PeekedMessage[] peeked = [];
        while (TimeProvider.System.GetUtcNow() < deadline && peeked.Length == 0)
        {
            peeked = (await poison.PeekMessagesAsync(1)).Value;
            await Task.Delay(100);
        }
        Assert.Equal("not base64 at all!", Assert.Single(peeked).MessageText);

        // A pipeline with a poisoned message never counts as drained: a test asserting absence after it fails loudly.
        var refused = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => PipelineDrain.UntilIdleAsync(app, TimeSpan.FromSeconds(5)));
        Assert.Contains("leads-captured-poison holds 1 message", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_refuses_a_queue_that_triggers_no_function()
    {
        await using var app = await TestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/poison/not-a-queue/replay");
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("leads-captured", await response.Content.ReadAsStringAsync());
    }
}
