using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.Tests.Privacy;

[Collection(IntegrationCollection.Name)]
public sealed class ErasureEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>One person, unique per test run (maildev is shared by every test).</summary>
    internal sealed record Person(string First, string Last, string Email, string E164, string Typed, string Phrase)
    {
        public static Person New()
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            // 06 12 … is an assigned French mobile range: a random 06 9x… can be one the phone library calls invalid.
            var digits = "12" + string.Concat(Enumerable.Range(0, 6).Select(_ => Random.Shared.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return new Person("Ottilie", "Brzezinska" + tag, $"ottilie.{tag}@brzezinska-atelier.example", "+336" + digits,
                $"06 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}", $"quadruple turbine housing {tag}");
        }

        /// <summary>What must be found nowhere after the erasure: the phone also as digits (the lead JSON escapes '+').</summary>
        public IReadOnlyList<string> Needles => [Email, E164, E164[1..], Typed, "0" + E164[3..], Last, Phrase];
    }

    internal static Task<HttpResponseMessage> AdminAsync(TestApp app, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        return app.Client.SendAsync(request);
    }

    internal static async Task<string> RequestErasureAsync(TestApp app, object body)
    {
        using var response = await AdminAsync(app, HttpMethod.Post, "/api/privacy/erasure", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("requestId").GetString()!;
    }

    internal static async Task<JsonElement> WaitDoneAsync(TestApp app, string requestId, TimeSpan? limit = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (limit ?? Wait);
        while (true)
        {
            using var response = await AdminAsync(app, HttpMethod.Get, $"/api/privacy/erasure/{requestId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var state = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (state.GetProperty("status").GetString() == "done") return state;
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"erasure still {state}");
            await Task.Delay(200);
        }
    }

    private static async Task<string> KpiTotalsAsync(TestApp app)
    {
        using var response = await AdminAsync(app, HttpMethod.Get, "/api/kpis");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return report.GetProperty("month").GetString() + " " + report.GetProperty("total").GetRawText() + " " + report.GetProperty("channels").GetRawText();
    }

    private static async Task<string> CaptureFormAsync(TestApp app, Person p) =>
        await app.PostLeadAsync(new
        {
            firstName = p.First, lastName = p.Last, email = p.Email, phone = p.Typed, company = "Atelier " + p.Last,
            message = $"Hello, we need a quote for a {p.Phrase} for our plant, 40 units, please call me.",
            utm_source = "google", utm_campaign = "turbines-2026",
        });

    private static async Task<string> CaptureEmailAsync(TestApp app, Person p)
    {
        var mime = $"From: \"{p.First} {p.Last}\" <{p.Email}>\r\nTo: leads@example.com\r\nSubject: Invoice question {p.Last}\r\n"
                   + $"Message-ID: <{Guid.NewGuid():N}.{p.Email}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                   + $"Hello, about the {p.Phrase}: I would like a quote for a second one.\r\n\r\n{p.First} {p.Last}\r\nTel: {p.Typed}\r\n";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mime));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await CaptureAssertions.AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/mime", content));
    }

    private static async Task<string> CaptureCallAsync(TestApp app, Person p)
    {
        var body = JsonSerializer.Serialize(new
        {
            callId = "pbx-" + Guid.NewGuid().ToString("N"), from = p.E164, to = "+33176540000", callerName = $"{p.First} {p.Last}".ToUpperInvariant(),
            durationSec = 0, status = "no-answer", startedAt = "2026-01-01T10:00:00Z", transcript = $"Please call me back about the {p.Phrase}.",
        });
        return await CaptureAssertions.AssertCapturedAsync(await app.Client.PostAsync("/api/intake/call/generic", new StringContent(body, Encoding.UTF8, "application/json")));
    }

    [Fact]
    public async Task Erasing_a_person_leaves_no_trace_in_any_table_queue_or_folder_and_keeps_the_KPIs()
    {
        await using var app = await TestApp.StartAsync();
        var p = Person.New();
        var form = await CaptureFormAsync(app, p);
        await app.WaitForLeadAsync(form, TestApp.IsNotified, Wait);
        var email = await CaptureEmailAsync(app, p);
        var call = await CaptureCallAsync(app, p);
        await PipelineDrain.UntilIdleAsync(app);
        // A feedback example (a correction) keeps the lead's text in its partition.
        await app.GetService<IScreeningFeedback>().RecordAsync(new FeedbackExample
        {
            LeadId = LeadId.Parse(email), Label = LeadIntent.Commercial, Source = FeedbackSource.Released, Actor = "admin-key",
            At = TimeProvider.System.GetUtcNow(), Channel = Channel.Email, Message = $"about the {p.Phrase}", FirstName = p.First, LastName = p.Last,
        }, CancellationToken.None);
        using (var export = await AdminAsync(app, HttpMethod.Get, "/api/kpis/export?format=csv")) Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var kpisBefore = await KpiTotalsAsync(app);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var repMails = await mail.WaitAsync(app.RepEmail, 1, Wait);
        Assert.Contains(repMails, m => m.Text.Contains(p.Last, StringComparison.Ordinal));
        // The scan can fail: before the erasure it finds the person in the stores.
        var before = await StorageScan.FindAsync(app.Storage, p.Needles);
        Assert.Contains(before, h => h.StartsWith("table Leads", StringComparison.Ordinal) && h.EndsWith($"'{p.Email}'", StringComparison.Ordinal));
        Assert.Contains(before, h => h.StartsWith("table ScreeningFeedback", StringComparison.Ordinal) || h.Contains("|feedback", StringComparison.Ordinal));

        var requestId = await RequestErasureAsync(app, new { email = p.Email.ToUpperInvariant(), phone = p.Typed, requestedBy = "ticket-4711" });
        var done = await WaitDoneAsync(app, requestId);
        await PipelineDrain.UntilIdleAsync(app);

        Assert.Equal(3, done.GetProperty("leadsErased").GetInt32());
        var after = await StorageScan.FindAsync(app.Storage, p.Needles);
        Assert.True(after.Count == 0, "still found: " + string.Join("; ", after));
        Assert.Equal(kpisBefore, await KpiTotalsAsync(app));
        using (var recompute = await AdminAsync(app, HttpMethod.Post, "/api/kpis/recompute?month=" + kpisBefore[..7])) Assert.Equal(HttpStatusCode.OK, recompute.StatusCode);
        Assert.Equal(kpisBefore, await KpiTotalsAsync(app));
        foreach (var id in new[] { form, email, call })
        {
            var lead = await CaptureAssertions.LoadAsync(app, id);
            Assert.NotNull(lead.Purged);
            Assert.Null(lead.Contact.Email);
        }
        // Mail that left us is out of our reach: the rep's copy in maildev still names the person (docs/privacy.md).
        Assert.Contains(await mail.ToAsync(app.RepEmail), m => m.Text.Contains(p.Last, StringComparison.Ordinal));

        using var log = await AdminAsync(app, HttpMethod.Get, "/api/privacy/log");
        var entries = (await log.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("requestId").GetString() == requestId).ToList();
        Assert.Equal(["ErasureRequested", "ErasureCompleted"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(("ticket-4711", "admin-key"), (e.GetProperty("requestedBy").GetString(), e.GetProperty("operator").GetString())));
        Assert.Equal(3, entries[1].GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Erasing_twice_erases_nothing_the_second_time_and_a_new_request_from_the_person_is_a_new_lead()
    {
        await using var app = await TestApp.StartAsync();
        var p = Person.New();
        var form = await CaptureFormAsync(app, p);
        await PipelineDrain.UntilIdleAsync(app);

        Assert.Equal(1, (await WaitDoneAsync(app, await RequestErasureAsync(app, new { email = p.Email }))).GetProperty("leadsErased").GetInt32());
        var store = app.GetService<ILeadStore>();
        var purged = (await store.FindAsync(LeadId.Parse(form), CancellationToken.None))!;
        Assert.NotNull(purged.Lead.Purged);
        Assert.Equal(0, (await WaitDoneAsync(app, await RequestErasureAsync(app, new { email = p.Email }))).GetProperty("leadsErased").GetInt32());
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<Core.Privacy.ILeadPurge>()
            .PurgeAsync(LeadId.Parse(form), Core.Privacy.PurgeReason.Erasure, CancellationToken.None);
        Assert.Equal(new Core.Privacy.LeadPurgeResult(Found: true, AlreadyPurged: true, RowsChanged: 0), result);
        Assert.Equal(purged.ETag, (await store.FindAsync(LeadId.Parse(form), CancellationToken.None))!.ETag);

        var again = await CaptureFormAsync(app, p);
        await PipelineDrain.UntilIdleAsync(app);
        Assert.NotEqual(form, again);
        var lead = await CaptureAssertions.LoadAsync(app, again);
        Assert.Equal((p.Email, (Core.Privacy.PurgeRecord?)null), (lead.Contact.Email, lead.Purged));
        Assert.True(await app.GetService<Core.Privacy.ISuppressionList>().IsSuppressedAsync(lead.Contact, CancellationToken.None));
        Assert.True(lead.MarketingSuppressed);
        Assert.False((await CaptureAssertions.LoadAsync(app, (await CaptureFormAsync(app, Person.New())))).MarketingSuppressed);
    }

    [Fact]
    public async Task Erasure_deletes_the_pickup_copies_of_the_mails_about_the_person()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erasure-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await TestApp.StartAsync(new() { ["Mail:Smtp:Host"] = "", ["Mail:PickupDirectory"] = folder });
            var p = Person.New();
            var form = await CaptureFormAsync(app, p);
            await app.WaitForLeadAsync(form, TestApp.IsNotified, Wait);
            await PipelineDrain.UntilIdleAsync(app);
            Assert.NotEmpty(await StorageScan.FindAsync(app.Storage, p.Needles, folder));
            Assert.NotEmpty(Directory.GetFiles(folder, "*.eml"));

            Assert.Equal(1, (await WaitDoneAsync(app, await RequestErasureAsync(app, new { phone = p.E164 }))).GetProperty("leadsErased").GetInt32());

            Assert.Empty(Directory.GetFiles(folder, "*.eml"));
            var left = await StorageScan.FindAsync(app.Storage, p.Needles, folder);
            Assert.True(left.Count == 0, "still found: " + string.Join("; ", left));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_erasure_never_touches_another_persons_lead_sharing_the_phone()
    {
        await using var app = await TestApp.StartAsync();
        var p = Person.New();
        var colleague = Person.New() with { E164 = p.E164, Typed = p.Typed };
        var mine = await CaptureFormAsync(app, p);
        var theirs = await CaptureFormAsync(app, colleague);
        await PipelineDrain.UntilIdleAsync(app);

        var done = await WaitDoneAsync(app, await RequestErasureAsync(app, new { email = p.Email, phone = p.E164 }));

        Assert.Equal(1, done.GetProperty("leadsErased").GetInt32());
        Assert.NotNull((await CaptureAssertions.LoadAsync(app, mine)).Purged);
        var kept = await CaptureAssertions.LoadAsync(app, theirs);
        Assert.Equal((colleague.Email, (Core.Privacy.PurgeRecord?)null), (kept.Contact.Email, kept.Purged));
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "neither email nor phone", """{}""", "email" },
        { "malformed email", """{"email":"not-an-address"}""", "email" },
        { "email with a display name", """{"email":"Jo <jo@example.com>"}""", "email" },
        { "malformed phone", """{"phone":"call me maybe"}""", "phone" },
        { "good email, malformed phone", """{"email":"jo@example.com","phone":"12"}""", "phone" },
        { "email as a number", """{"email":42}""", "email" },
        { "requestedBy an address", """{"email":"jo@example.com","requestedBy":"boss@example.com"}""", "requestedBy" },
    };

    [Fact]
    public async Task Bad_erasure_requests_are_422_naming_the_field_and_an_unknown_person_is_accepted_and_done_with_zero()
    {
        await using var app = await TestApp.StartAsync();
        foreach (var row in BadRequests())
        {
            var (because, body, field) = ((string)row[0], (string)row[1], (string)row[2]);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/privacy/erasure") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-functions-key", TestApp.AdminKey);
            using var response = await app.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{because}: {response.StatusCode} {text}");
            using var json = JsonDocument.Parse(text);
            Assert.Contains(json.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        }
        var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/privacy/erasure") { Content = JsonContent.Create(new { email = "nobody@example.com" }) };
        using (var anonymous = await app.Client.SendAsync(unknown)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var missing = await AdminAsync(app, HttpMethod.Get, "/api/privacy/erasure/0123456789abcdef")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        foreach (var (query, field) in new[] { ("from=yesterday", "from"), ("to=2026-13-01", "to"), ("from=2026-12-02&to=2026-12-01", "from"), ("from=2024-01-01&to=2026-01-01", "to") })
        {
            using var bad = await AdminAsync(app, HttpMethod.Get, "/api/privacy/log?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains($"\"field\":\"{field}\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var done = await WaitDoneAsync(app, await RequestErasureAsync(app, new { email = "nobody@example.com", phone = "+33 1 23 45 67 89" }));
        Assert.Equal(0, done.GetProperty("leadsErased").GetInt32());
        Assert.Empty(await StorageScan.FindAsync(app.Storage, ["nobody@example.com", "33123456789"]));
    }
}
