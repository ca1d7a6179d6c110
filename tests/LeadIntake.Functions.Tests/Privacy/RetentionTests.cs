using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Privacy;
using LeadIntake.Functions.Tests.Infrastructure;
using LeadIntake.Functions.Tests.Kpis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.Functions.Tests.Privacy;

/// <summary>
/// The retention run and its dry run against real storage: leads written through the app's own store at chosen past
/// instants, the app's clock moved forward (<see cref="ShiftedTimeProvider"/>), then the run invoked as the timer runtime
/// invokes it. Every assertion reads what storage holds afterwards.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RetentionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // The 10th of the previous UTC month, 09:00: a closed KPI month whatever day the tests run.
    private static DateTimeOffset CaptureDay()
    {
        var now = TimeProvider.System.GetUtcNow();
        var previous = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        return previous.AddDays(9).AddHours(9);
    }

    private static async Task<(TestApp App, ShiftedTimeProvider Clock)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var clock = new ShiftedTimeProvider();
        var values = new Dictionary<string, string?>
        {
            // The test runs the retention itself: the timer's own occurrence never comes during a test.
            ["Privacy:Retention:Schedule"] = "0 0 0 1 1 *",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var app = await TestApp.StartAsync(values, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        return (app, clock);
    }

    private static void SetNow(ShiftedTimeProvider clock, DateTimeOffset at) => clock.Advance(at - clock.GetUtcNow());

    private static async Task<RetentionRunCounts> RunRetentionAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionRun>().RunAsync(CancellationToken.None);
    }

    private static async Task<Lead> LeadAsync(TestApp app, LeadId id) =>
        (await app.GetService<ILeadStore>().FindAsync(id, CancellationToken.None))!.Lead;

    private static async Task<HttpResponseMessage> DryRunAsync(TestApp app, string query = "", bool admin = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/privacy/retention/dry-run" + query);
        if (admin) request.Headers.Add("x-functions-key", TestApp.AdminKey);
        return await app.Client.SendAsync(request);
    }

    private static async Task<JsonElement> DryRunReportAsync(TestApp app, string query = "")
    {
        using var response = await DryRunAsync(app, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int Count(JsonElement report, string retentionClass) =>
        report.GetProperty("classes").GetProperty(retentionClass).GetProperty("count").GetInt32();

    private static string[] Sample(JsonElement report, string retentionClass) =>
        [.. report.GetProperty("classes").GetProperty(retentionClass).GetProperty("sampleLeadIds").EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<string> KpiTotalsAsync(TestApp app, string month)
    {
        var recompute = new HttpRequestMessage(HttpMethod.Post, $"/api/kpis/recompute?month={month}");
        recompute.Headers.Add("x-functions-key", TestApp.AdminKey);
        using (var recomputed = await app.Client.SendAsync(recompute)) Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/kpis?month={month}&mode=period");
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return report.GetProperty("total").GetRawText();
    }

    private static async Task<List<PrivacyLogEntry>> RetentionEntriesAsync(TestApp app, DateTimeOffset from, DateTimeOffset to)
    {
        var entries = new List<PrivacyLogEntry>();
        await foreach (var e in app.GetService<IPrivacyLog>().ReadAsync(from, to, CancellationToken.None))
            if (e.Action == PrivacyAction.RetentionPurged) entries.Add(e);
        return entries;
    }

    [Fact]
    public async Task The_dry_run_lists_what_is_due_then_the_run_purges_it_keeps_the_kpis_and_a_second_run_purges_nothing_new()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        var t0 = CaptureDay();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        var spam = await leads.MoveAsync(await leads.CaptureAsync(t0), LeadStatus.Spam, t0, "screened", "intent=spam status=spam");
        var routed = await leads.MoveAsync(await leads.CaptureAsync(t0.AddMinutes(1)), LeadStatus.RoutedService, t0.AddMinutes(2), "screened", "intent=service status=routed_service");
        var won = await leads.WonAsync(t0.AddMinutes(3));
        var prospect = await leads.MoveAsync(await leads.CaptureAsync(t0.AddMinutes(4)), LeadStatus.Mql, t0.AddMinutes(5), "screened", "intent=commercial status=mql");
        await app.GetService<IRawPayloadStore>().SaveAsync(prospect.Lead.Id, "delivery-1", "application/json", "{\"email\":\"jeanne@fonderie-vosges.example\"}"u8.ToArray(), CancellationToken.None);
        var month = t0.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var kpisBefore = await KpiTotalsAsync(app, month);

        // 31 days after capture: spam and the routed request are due; the won lead, the prospect and the raw payload are not.
        SetNow(clock, t0 + 31 * Day);
        var report = await DryRunReportAsync(app);
        Assert.Equal((1, 1, 0, 0, 0), (Count(report, "spam"), Count(report, "routed"), Count(report, "won"), Count(report, "prospect"), Count(report, "raw_payload")));
        Assert.Equal([spam.Lead.Id.Value], Sample(report, "spam"));
        Assert.Equal([routed.Lead.Id.Value], Sample(report, "routed"));
        Assert.Equal(t0 + 30 * Day, report.GetProperty("classes").GetProperty("spam").GetProperty("earliestDueAt").GetDateTimeOffset());

        // Asked about a later instant, it lists the won lead (90 days after the win) and the raw payload (90 days after capture).
        var later = await DryRunReportAsync(app, "?at=" + Uri.EscapeDataString((t0 + 93 * Day).ToString("O", CultureInfo.InvariantCulture)));
        Assert.Equal((1, 1, 1, 0, 1), (Count(later, "spam"), Count(later, "routed"), Count(later, "won"), Count(later, "prospect"), Count(later, "raw_payload")));
        Assert.Equal([prospect.Lead.Id.Value], Sample(later, "raw_payload"));
        // The dry run changed nothing.
        Assert.Null((await LeadAsync(app, spam.Lead.Id)).Purged);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PurgeExpiredLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        var purgedSpam = await LeadAsync(app, spam.Lead.Id);
        Assert.NotNull(purgedSpam.Purged);
        Assert.Null(purgedSpam.Contact.Email);
        Assert.NotNull((await LeadAsync(app, routed.Lead.Id)).Purged);
        Assert.Null((await LeadAsync(app, won.Lead.Id)).Purged);
        Assert.Equal("jeanne@fonderie-vosges.example", (await LeadAsync(app, prospect.Lead.Id)).Contact.Email);
        Assert.Equal(kpisBefore, await KpiTotalsAsync(app, month));
        var entry = Assert.Single(await RetentionEntriesAsync(app, t0 + 30 * Day, t0 + 32 * Day));
        Assert.Equal((2, "schedule", RetentionRun.Operator), (entry.Records, entry.RequestedBy, entry.Operator));
        Assert.Equal("spam=1 raw_payload=0 routed=1 prospect=0 won=0", entry.Detail);

        var second = await RunRetentionAsync(app);
        Assert.Equal(0, second.Total);
        Assert.Equal(0, Count(await DryRunReportAsync(app), "spam"));

        // 93 days after: the won lead goes, and the prospect's raw payload row, while the prospect itself stays.
        SetNow(clock, t0 + 93 * Day);
        var third = await RunRetentionAsync(app);
        Assert.Equal((1, 1, 2), (third.ByClass[RetentionClass.Won], third.ByClass[RetentionClass.RawPayload], third.Total));
        Assert.NotNull((await LeadAsync(app, won.Lead.Id)).Purged);
        var kept = await LeadAsync(app, prospect.Lead.Id);
        Assert.Null(kept.Purged);
        Assert.Equal("jeanne@fonderie-vosges.example", kept.Contact.Email);
        int rawRows = 0;
        await foreach (var row in app.Table("Leads").QueryAsync<Azure.Data.Tables.TableEntity>(filter: "Kind eq 'raw'", select: ["RowKey"])) rawRows++;
        Assert.Equal(0, rawRows);
        Assert.Equal(kpisBefore, await KpiTotalsAsync(app, month));
        Assert.Equal(0, (await RunRetentionAsync(app)).Total);
    }

    [Fact]
    public async Task A_prospect_who_wrote_again_after_two_years_is_kept_three_years_after_the_second_contact()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        var t0 = CaptureDay();
        var store = app.GetService<ILeadStore>();
        var leads = new KpiLeads(store);
        var contacts = app.GetService<IContactIndex>();
        var first = await leads.MoveAsync(await leads.CaptureAsync(t0), LeadStatus.Lost, t0 + Day, "lost");
        await contacts.RecordAsync(first.Lead.Id, [ContactKeys.ForEmail("jeanne@fonderie-vosges.example")!], CancellationToken.None);
        // Two years later the same person writes again: a lead of its own (the first one is closed), found through the contact index.
        var again = t0 + 730 * Day;
        var second = await leads.MoveAsync(await leads.CaptureAsync(again), LeadStatus.Mql, again, "screened", "intent=commercial status=mql");
        await contacts.RecordAsync(second.Lead.Id, [ContactKeys.ForEmail("jeanne@fonderie-vosges.example")!], CancellationToken.None);

        // Three years after the first contact: nothing goes, the clock restarted with the second.
        SetNow(clock, t0 + 1096 * Day);
        Assert.Equal(0, Count(await DryRunReportAsync(app), "prospect"));
        Assert.Equal(0, (await RunRetentionAsync(app)).Total);
        Assert.Null((await LeadAsync(app, first.Lead.Id)).Purged);

        // Three years after the second contact: both go.
        SetNow(clock, again + 1096 * Day);
        var report = await DryRunReportAsync(app);
        Assert.Equal(2, Count(report, "prospect"));
        var run = await RunRetentionAsync(app);
        Assert.Equal(2, run.ByClass[RetentionClass.Prospect]);
        Assert.NotNull((await LeadAsync(app, first.Lead.Id)).Purged);
        Assert.NotNull((await LeadAsync(app, second.Lead.Id)).Purged);
    }

    [Fact]
    public async Task A_run_stops_at_its_bound_and_the_next_run_goes_on()
    {
        var (app, clock) = await StartAsync(new() { ["Privacy:Retention:MaxPerRun"] = "2" });
        await using var _ = app;
        var t0 = CaptureDay();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        var ids = new List<LeadId>();
        for (int i = 0; i < 3; i++)
            ids.Add((await leads.MoveAsync(await leads.CaptureAsync(t0.AddMinutes(i)), LeadStatus.Spam, t0.AddMinutes(i), "screened", "intent=spam status=spam")).Lead.Id);
        SetNow(clock, t0 + 31 * Day);

        var first = await RunRetentionAsync(app);
        Assert.Equal((2, true), (first.Total, first.Unfinished));
        var second = await RunRetentionAsync(app);
        Assert.Equal((1, false), (second.Total, second.Unfinished));
        foreach (var id in ids) Assert.NotNull((await LeadAsync(app, id)).Purged);
        var entries = await RetentionEntriesAsync(app, t0 + 30 * Day, t0 + 32 * Day);
        Assert.Equal([2, 1], entries.Select(e => e.Records));
        Assert.EndsWith("unfinished=true", entries[0].Detail, StringComparison.Ordinal);
    }

    /// <summary>Prints the run's time for 200 due leads (a figure, not an assertion): dotnet test --filter Two_hundred_due --logger "console;verbosity=detailed".</summary>
    [Fact]
    public async Task Two_hundred_due_leads_are_purged_in_one_run_and_a_second_run_finds_nothing()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        var t0 = CaptureDay();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        var ids = new List<LeadId>();
        for (int i = 0; i < 200; i++)
            ids.Add((await leads.MoveAsync(await leads.CaptureAsync(t0.AddSeconds(i)), LeadStatus.Spam, t0.AddSeconds(i), "screened", "intent=spam status=spam")).Lead.Id);
        SetNow(clock, t0 + 31 * Day);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await RunRetentionAsync(app);
        watch.Stop();
        var again = System.Diagnostics.Stopwatch.StartNew();
        var second = await RunRetentionAsync(app);
        again.Stop();

        Assert.Equal((200, 0), (run.Total, second.Total));
        foreach (var id in ids) Assert.NotNull((await LeadAsync(app, id)).Purged);
        output.WriteLine($"retention run: 200 leads purged in {watch.ElapsedMilliseconds} ms ({watch.ElapsedMilliseconds / 200.0:F1} ms per lead); second run {again.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_routed_request_confirmed_later_runs_from_its_hand_off_not_its_capture()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        var t0 = CaptureDay();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        // Held for review for ten days, then handed to the HR mailbox.
        var held = await leads.MoveAsync(await leads.CaptureAsync(t0), LeadStatus.Review, t0, "screened", "status=review");
        var routed = await leads.MoveAsync(held, LeadStatus.RoutedHr, t0 + 10 * Day, "screened", "intent=hr status=routed_hr");

        SetNow(clock, t0 + 31 * Day);
        Assert.Equal(0, (await RunRetentionAsync(app)).Total);
        Assert.Null((await LeadAsync(app, routed.Lead.Id)).Purged);

        SetNow(clock, t0 + 41 * Day);
        Assert.Equal(1, (await RunRetentionAsync(app)).ByClass[RetentionClass.Routed]);
        Assert.NotNull((await LeadAsync(app, routed.Lead.Id)).Purged);
    }

    [Theory]
    [InlineData("?at=yesterday")]
    [InlineData("?at=2020-01-01T00:00:00Z")]
    [InlineData("?at=9999-12-31T00:00:00Z")]
    [InlineData("?at=")]
    public async Task A_dry_run_at_an_unusable_instant_is_refused_naming_at(string query)
    {
        await using var app = await TestApp.StartAsync();

        using var response = await DryRunAsync(app, query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("at", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_dry_run_needs_the_admin_key_and_answers_zero_on_an_empty_store()
    {
        await using var app = await TestApp.StartAsync();

        using var anonymous = await DryRunAsync(app, admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var report = await DryRunReportAsync(app);
        Assert.Equal(0, report.GetProperty("total").GetInt32());
        Assert.Equal(5, report.GetProperty("classes").EnumerateObject().Count());
    }
}
