using System.Diagnostics;
using System.Globalization;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Kpis;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Benchmarks.Kpis;

/// <summary>
/// The <c>kpis</c> verb. (1) Projection cost: leads walked through eight stage changes via the app's own lead store,
/// counting the storage transactions the projection adds per stage change (sequential, then 8 concurrent writers).
/// (2) Page time: a month of N leads (default 100,000) generated in memory, its counters written as the projections
/// would have written them (the property test proves incremental = recomputed), then the KPI page and the JSON
/// fetched over HTTP from the real app on Azurite; medians over several runs.
/// </summary>
internal static class KpiBenchCommand
{
    private static readonly DateTimeOffset MonthStart = new(2026, 10, 31, 23, 0, 0, TimeSpan.Zero); // 1 November 2026, Paris

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        int leads = Option(args, "--leads", 100_000), runs = Option(args, "--runs", 7), projectLeads = Option(args, "--project-leads", 40);
        output.WriteLine("starting Azurite and maildev…");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var counter = new LoadTransactionCounter(dev.TablePort, dev.QueuePort);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = await LoadAppInstance.StartAsync(storage, dev.SmtpPort, "rep@example.com", key, counter).ConfigureAwait(false);

        // (1) Projection cost per stage change.
        // Stage changes are noted in the projection buffer and written when it flushes: each run flushes at its end,
        // so a run's cost is what its changes took, coalesced per lead and batched per shard.
        var store = app.Services.GetRequiredService<ILeadStore>();
        var buffer = app.Services.GetRequiredService<KpiProjectionBuffer>();
        var sequential = new List<double>();
        for (int run = 0; run < Math.Min(runs, 5); run++)
        {
            long before = buffer.Transactions;
            int changes = 0;
            for (int i = 0; i < projectLeads; i++) changes += await WalkAsync(store, MonthStart.AddDays(3).AddMinutes(run * 1000 + i)).ConfigureAwait(false);
            await buffer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            sequential.Add((double)(buffer.Transactions - before) / changes);
        }
        var concurrent = new List<double>();
        for (int run = 0; run < 3; run++)
        {
            long before = buffer.Transactions;
            var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
            {
                int changes = 0;
                for (int i = 0; i < projectLeads / 4; i++) changes += await WalkAsync(store, MonthStart.AddDays(5).AddMinutes(run * 1000 + w * 100 + i)).ConfigureAwait(false);
                return changes;
            })).ConfigureAwait(false);
            await buffer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            concurrent.Add((double)(buffer.Transactions - before) / counts.Sum());
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projection: storage transactions per stage change, sequential: median {Median(sequential):0.00} (runs: {string.Join(", ", sequential.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projection: storage transactions per stage change, 8 concurrent writers: median {Median(concurrent):0.00} (runs: {string.Join(", ", concurrent.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))})"));

        // (2) A month of N leads: counters written as the projections would, then the page over HTTP.
        var clock = Stopwatch.StartNew();
        var calendar = KpiCalendar.Default;
        var months = new Dictionary<KpiMonth, Dictionary<string, Dictionary<string, long>>>();
        var random = new Random(14);
        for (int i = 0; i < leads; i++)
        {
            var (profile, events) = Generate(random, i);
            var shard = TableKpiStore.ShardOf(profile.Id);
            foreach (var (cell, n) in LeadKpiContributions.Compute(profile, events, calendar))
            {
                if (!months.TryGetValue(cell.Month, out var rows)) months[cell.Month] = rows = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
                var row = $"{shard}-{TableKpiStore.FamilyOf(cell.Key)}";
                if (!rows.TryGetValue(row, out var cells)) rows[row] = cells = new Dictionary<string, long>(StringComparer.Ordinal);
                cells[cell.Key] = cells.GetValueOrDefault(cell.Key) + n;
            }
        }
        var kpiStore = app.Services.GetRequiredService<TableKpiStore>();
        foreach (var (month, rows) in months)
        {
            var existing = await kpiStore.ReadShardsAsync(month, CancellationToken.None).ConfigureAwait(false);
            await kpiStore.ReplaceMonthAsync(month, existing, rows, CancellationToken.None).ConfigureAwait(false);
        }
        var november = months[new KpiMonth(2026, 11)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"month of {leads:N0} leads: {november.Count} aggregate rows, {november.Sum(r => r.Value.Count):N0} counters, largest row {november.Max(r => System.Text.Json.JsonSerializer.Serialize(r.Value).Length):N0} characters of JSON (written in {clock.Elapsed.TotalSeconds:0.0} s)"));

        // The page is behind the console's sign-in: a cookie-keeping client signs in through the sign-in form first.
        using var console = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        var signInPage = await console.GetStringAsync(new Uri("/api/console/sign-in", UriKind.Relative)).ConfigureAwait(false);
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(signInPage, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value);
        using (var signIn = await console.PostAsync(new Uri("/api/console/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("key", LoadAppInstance.AdminKey), new("csrf", token), new("returnUrl", "/api/console")])).ConfigureAwait(false))
        {
            if ((int)signIn.StatusCode != 302) throw new InvalidOperationException($"The console sign-in answered {(int)signIn.StatusCode}.");
        }
        foreach (var (name, url) in new[] { ("page", "/api/console/kpis?month=2026-11"), ("json", "/api/kpis?month=2026-11"), ("cohort json", "/api/kpis?month=2026-11&mode=cohort&window=30") })
        {
            var times = new List<double>();
            for (int run = 0; run <= runs; run++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (name != "page") request.Headers.Add("x-functions-key", LoadAppInstance.AdminKey);
                var watch = Stopwatch.StartNew();
                using var response = await (name == "page" ? console : app.Client).SendAsync(request).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                watch.Stop();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
                if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds); // run 0 warms the connection and the JIT
                if (run == runs && name == "page" && !body.Contains("<svg", StringComparison.Ordinal)) throw new InvalidOperationException("The page has no chart.");
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} for {leads:N0} leads: median {Median(times):0} ms, max {times.Max():0} ms over {runs} runs ({string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})"));
        }
        return 0;
    }

    /// <summary>One lead through capture, MQL, assignment, acceptance, SQL, SAL, opportunity and won: 8 stage changes.</summary>
    private static async Task<int> WalkAsync(ILeadStore store, DateTimeOffset at)
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Form,
            Provider = "web",
            Contact = new Contact { Email = "bench@example.com" },
            Source = new SourceAttribution { UtmSource = "google", UtmCampaign = "winter" },
        };
        var (lead, first) = Lead.Capture(captured, LeadId.New(at), at);
        await store.TryCreateAsync(lead, first, CancellationToken.None).ConfigureAwait(false);
        var stored = (await store.FindAsync(lead.Id, CancellationToken.None).ConfigureAwait(false))!;
        (LeadStatus, string, string?)[] steps =
        [
            (LeadStatus.Mql, "screened", "intent=commercial status=mql"), (LeadStatus.Assigned, "assigned", "rr"), (LeadStatus.Accepted, "accepted", null),
            (LeadStatus.Sql, "qualified_sql", null), (LeadStatus.Sal, "qualified_sal", null), (LeadStatus.Opportunity, "opportunity_created", null), (LeadStatus.Won, "won", null),
        ];
        int minute = 1;
        foreach (var (status, type, detail) in steps)
        {
            var when = at.AddMinutes(minute++ * 7);
            var next = stored.Lead.MovedTo(status, when);
            if (status == LeadStatus.Assigned) next = next with { Assignment = new RepAssignment("rep@example.com", "Rep", "bench", when) };
            stored = await store.SaveAsync(stored, next, [new LeadEvent(WireNames.Parse<LeadEventType>(type), when, "bench", detail)], CancellationToken.None).ConfigureAwait(false);
        }
        return 1 + steps.Length;
    }

    private static (LeadKpiProfile, List<LeadEvent>) Generate(Random random, int index)
    {
        string[] sources = ["google", "bing", "linkedin", "facebook", "newsletter", "partner", "trade-show", "referral", "direct", "(none)"];
        string[] campaigns = ["", "winter", "spring", "brand"];
        var at = MonthStart.AddSeconds(random.NextDouble() * 29.9 * 86400);
        var profile = new LeadKpiProfile(LeadId.New(at), (Channel)random.Next(4), sources[random.Next(sources.Length)], campaigns[random.Next(campaigns.Length)], at,
            $"rep{random.Next(20):D2}@example.com");
        var events = new List<LeadEvent> { new(LeadEventType.Captured, at, "intake") };
        var t = at;
        LeadEvent E(string type, string? detail = null, double maxMinutes = 60)
        {
            t = t.AddMinutes(1 + random.NextDouble() * maxMinutes);
            return new LeadEvent(WireNames.Parse<LeadEventType>(type), t, "bench", detail);
        }
        int roll = random.Next(100);
        if (roll < 15) { events.Add(E("screened", "status=spam", 1)); if (random.Next(10) == 0) { events.Add(E("released")); events.Add(E("screened", "status=mql", 1)); } else return (profile, events); }
        else if (roll < 19) { events.Add(E("screened", "status=routed_service", 1)); return (profile, events); }
        else if (roll < 22) { events.Add(E("screened", "status=routed_hr", 1)); return (profile, events); }
        else if (roll < 25) { events.Add(E("screened", "status=routed_other", 1)); return (profile, events); }
        else events.Add(E("screened", "status=mql", 1));
        for (int episode = 0; episode < 2; episode++)
        {
            if (random.Next(100) < 10) return (profile, events);
            events.Add(E("assigned", "rr", 2));
            if (random.Next(100) < 20) events.Add(E("sla_reminded", profile.Rep, 30));
            if (random.Next(100) < 15) return (profile, events);
            events.Add(E("accepted", null, 90));
            if (random.Next(100) < 35) { events.Add(E("disqualified", "no_budget", 60 * 24)); if (random.Next(100) < 50) { events.Add(E("retouched", null, 60 * 24 * 20)); continue; } return (profile, events); }
            events.Add(E("qualified_sql", null, 60 * 24 * 2));
            if (random.Next(100) < 40) events.Add(E("qualified_sal", null, 60 * 24 * 3));
            if (random.Next(100) < 40) { events.Add(E("recycled", "no_progress", 60 * 24 * 30)); if (random.Next(100) < 50) { events.Add(E("retouched", null, 60 * 24 * 20)); continue; } return (profile, events); }
            events.Add(E("opportunity_created", null, 60 * 24 * 5));
            events.Add(random.Next(100) < 45 ? E("won", null, 60 * 24 * 10) : E("lost", "price", 60 * 24 * 10));
            return (profile, events);
        }
        return (profile, events);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
