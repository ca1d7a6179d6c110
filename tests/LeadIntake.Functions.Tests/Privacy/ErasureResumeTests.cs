using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Privacy;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadIntake.Functions.Tests.Privacy;

[Collection(IntegrationCollection.Name)]
public sealed class ErasureResumeTests(ITestOutputHelper output)
{
    /// <summary>Throws once, right after the <paramref name="crashAfter"/>th lead: the run dies mid-page, its message comes back.</summary>
    private sealed class CrashOnce(int crashAfter) : IErasureProgressObserver
    {
        private int _seen;
        public int Crashes { get; private set; }
        public int Seen => _seen;

        public void LeadErased(string requestId, LeadId leadId)
        {
            if (Interlocked.Increment(ref _seen) == crashAfter)
            {
                Crashes++;
                throw new InvalidOperationException("simulated crash in the middle of an erasure page");
            }
        }
    }

    /// <summary>Stores <paramref name="count"/> leads of one person (as captured and screened: lead row, event, contact index).</summary>
    private static async Task<List<LeadId>> SeedAsync(TestApp app, string email, string e164, int count)
    {
        var store = app.GetService<ILeadStore>();
        var index = app.GetService<IContactIndex>();
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-count);
        var ids = new List<LeadId>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var at = start.AddSeconds(i);
            var captured = new CapturedLead
            {
                Channel = Channel.Form, Provider = "web",
                Contact = new Contact { FirstName = "Wanda", LastName = "Przybylska", Email = email, Phone = e164 },
                Message = $"request number {i}", Source = new SourceAttribution { UtmSource = "google" },
            };
            var (lead, first) = Lead.Capture(captured, LeadId.New(at), at);
            Assert.True(await store.TryCreateAsync(lead, first, token));
            await index.RecordAsync(lead.Id, ContactKeys.For(lead.Contact, lead.Captured.Signals).All, token);
            lock (ids) ids.Add(lead.Id);
        });
        return ids;
    }

    [Fact]
    public async Task An_erasure_that_crashes_mid_page_resumes_from_its_progress_when_the_message_comes_back()
    {
        var crash = new CrashOnce(crashAfter: 150);
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IErasureProgressObserver>(crash));
        var email = $"wanda.{Guid.NewGuid():N}@przybylska.example";
        var ids = await SeedAsync(app, email, "+48601234567", 250);

        var requestId = await ErasureEndToEndTests.RequestErasureAsync(app, new { email });
        var done = await ErasureEndToEndTests.WaitDoneAsync(app, requestId);
        await PipelineDrain.UntilIdleAsync(app);

        Assert.Equal(1, crash.Crashes);
        Assert.Equal(250, done.GetProperty("leadsErased").GetInt32());
        // The page cut by the crash was purged again from its first lead (a purge is idempotent): 100 + 50 + 100.
        Assert.Equal(300, crash.Seen);
        var store = app.GetService<ILeadStore>();
        foreach (var id in ids) Assert.NotNull((await store.FindAsync(id, CancellationToken.None))!.Lead.Purged);
        Assert.Empty(await StorageScan.FindAsync(app.Storage, [email, "Przybylska", "48601234567"]));
    }

    [Fact]
    public async Task Erasing_a_person_with_1000_leads_finishes_and_prints_the_time_it_took()
    {
        await using var app = await TestApp.StartAsync();
        var email = $"wanda.{Guid.NewGuid():N}@przybylska.example";
        await SeedAsync(app, email, "+48601234568", 1000);

        var clock = Stopwatch.StartNew();
        var requestId = await ErasureEndToEndTests.RequestErasureAsync(app, new { email, phone = "+48601234568" });
        var done = await ErasureEndToEndTests.WaitDoneAsync(app, requestId, TimeSpan.FromMinutes(5));
        clock.Stop();

        Assert.Equal(1000, done.GetProperty("leadsErased").GetInt32());
        output.WriteLine($"erasure of 1000 leads (email + phone keys): {clock.Elapsed.TotalSeconds:0.0} s, {clock.Elapsed.TotalMilliseconds / 1000:0.0} ms per lead");
        System.Console.WriteLine($"BENCH erasure-1000-leads seconds={clock.Elapsed.TotalSeconds:0.0}");
    }
}
