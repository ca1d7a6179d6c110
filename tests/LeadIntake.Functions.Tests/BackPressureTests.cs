using System.Net;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// Past Intake:WebhookBackPressureDepth, webhooks whose sender retries get 503 with Retry-After before anything is
/// stored; forms and channels that would not retry are still stored and answered as usual.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class BackPressureTests
{
    [Fact]
    public async Task Past_the_backlog_limit_retrying_webhooks_get_503_with_retry_after_and_nothing_is_stored_while_forms_still_get_202()
    {
        FaultyPipelineQueue? queue = null;
        await using var app = await TestApp.StartAsync(
            settings: new()
            {
                ["Intake:WebhookBackPressureDepth"] = "1000",
                ["Intake:WebhookRetryAfter"] = "00:00:45",
                ["Intake:BacklogSampleInterval"] = "00:00:00.100",
            },
            services: s => s.Replace(ServiceDescriptor.Singleton<IPipelineQueue>(sp =>
                queue = new FaultyPipelineQueue(ActivatorUtilities.CreateInstance<StoragePipelineQueue>(sp)) { ReportedDepth = 5_000 })));

        using var postmark = await app.Client.PostAsync("/api/intake/email/postmark", Postmark(Guid.NewGuid().ToString()));
        using var meta = await app.Client.PostAsync("/api/intake/social/meta", new StringContent("""{"object":"page","entry":[]}""", Encoding.UTF8, "application/json"));
        using var twilioStatus = await PostTwilioAsync(app, ("CallStatus", "completed"), ("CallDuration", "87"));

        foreach (var refused in new[] { postmark, meta, twilioStatus })
        {
            await BadInputTests.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "backlog");
            Assert.Equal("45", refused.Headers.GetValues("Retry-After").Single());
        }
        Assert.Equal(0, await app.CountLeadRowsAsync());

        // A browser doesn't retry, nor does a live call's voice URL request, nor Aircall (it disables a failing webhook).
        using var form = await app.PostFormAsync(new { email = "jeanne.dupont@example.org", message = "Un devis pour 20 capteurs ?" });
        using var twilioCall = await PostTwilioAsync(app, ("CallStatus", "ringing"));
        using var aircall = await app.Client.PostAsync("/api/intake/call/aircall", Aircall());
        Assert.Equal(HttpStatusCode.Accepted, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twilioCall.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, aircall.StatusCode);
        Assert.Equal(3, await app.CountLeadRowsAsync());

        // The backlog is gone: the provider's retry is stored.
        queue!.ReportedDepth = 10;
        await Task.Delay(TimeSpan.FromMilliseconds(150)); // one sample interval: the depth is read again
        using var retried = await app.Client.PostAsync("/api/intake/email/postmark", Postmark(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
    }

    [Fact]
    public async Task The_backlog_is_read_from_the_queues_once_per_interval_however_many_requests_ask()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var queue = new CountingQueue { Depth = 400 };
        var options = new IntakeOptions { WebhookBackPressureDepth = 1000, BacklogSampleInterval = TimeSpan.FromSeconds(2) };
        var backlog = new PipelineBacklog(queue, new StaticOptions(options), clock, NullLogger<PipelineBacklog>.Instance);

        // 400 + 400 waiting: under the limit. 200 requests at once cost one read of each queue.
        var first = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => backlog.ShouldTurnAwayAsync("postmark").AsTask()));
        Assert.All(first, Assert.False);
        Assert.Equal(2, queue.Reads);

        // The backlog grows to 1,200, but within the interval the last value stands: no read.
        queue.Depth = 600;
        clock.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 50; i++) Assert.False(await backlog.ShouldTurnAwayAsync("sendgrid"));
        Assert.Equal(2, queue.Reads);

        // One interval later it is read again, once, and retrying webhooks are turned away.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await backlog.ShouldTurnAwayAsync("mailgun"));
        Assert.True(await backlog.ShouldTurnAwayAsync("meta"));
        Assert.Equal(4, queue.Reads);
        Assert.False(await backlog.ShouldTurnAwayAsync("aircall"));
        Assert.False(await backlog.ShouldTurnAwayAsync("generic"));
    }

    private static Task<HttpResponseMessage> PostTwilioAsync(TestApp app, params (string Name, string Value)[] extra)
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000001", ["ApiVersion"] = "2010-04-01", ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
            ["Direction"] = "inbound", ["From"] = "+33612345678", ["FromCountry"] = "FR", ["To"] = "+33184880000", ["ToCountry"] = "FR",
        };
        foreach (var (name, value) in extra) parameters[name] = value;
        return app.Client.PostAsync("/api/intake/call/twilio", new FormUrlEncodedContent(parameters));
    }

    private static StringContent Postmark(string messageId) => new(
        $$"""
        { "FromName":"Jeanne Dupont","From":"jeanne.dupont@example.org",
          "FromFull":{"Email":"jeanne.dupont@example.org","Name":"Jeanne Dupont","MailboxHash":""},
          "To":"leads+web@inbound.example.com","OriginalRecipient":"leads+web@inbound.example.com",
          "Subject":"Demande de devis","Date":"Thu, 1 Jan 2026 11:00:00 +0100","MessageID":"{{messageId}}","MessageStream":"inbound",
          "TextBody":"Bonjour,\nRappelez-moi au 06 12 34 56 78.","HtmlBody":"<p>Bonjour</p>","StrippedTextReply":"Bonjour,\nRappelez-moi au 06 12 34 56 78.",
          "Headers":[],"Attachments":[] }
        """, Encoding.UTF8, "application/json");

    private static StringContent Aircall() => new(
        $$"""
        { "resource":"call", "event":"call.created", "timestamp":1767225690, "token":"t",
          "data":{ "id":{{Random.Shared.NextInt64(100_000, 999_999_999)}}, "direction":"inbound", "status":"done", "missed_call_reason":"agents_did_not_answer",
            "started_at":1767225600, "answered_at":null, "ended_at":1767225660, "duration":25, "raw_digits":"+33 6 12 34 56 78",
            "number":{"id":4242,"name":"Ventes FR","digits":"+33 1 84 88 00 00","country":"FR"}, "user":null, "contact":null, "tags":[], "comments":[] } }
        """, Encoding.UTF8, "application/json");

    private sealed class CountingQueue : IPipelineQueue
    {
        private int _reads;
        public int Depth;

        public int Reads => Volatile.Read(ref _reads);

        public Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<int> ApproximateDepthAsync(PipelineQueue queue, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await Task.Yield();
            return Depth;
        }
    }

    private sealed class StaticOptions(IntakeOptions value) : IOptionsMonitor<IntakeOptions>
    {
        public IntakeOptions CurrentValue => value;
        public IntakeOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<IntakeOptions, string?> listener) => null;
    }
}
