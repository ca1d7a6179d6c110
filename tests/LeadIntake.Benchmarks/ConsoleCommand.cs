using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The cockpit's read latency (<c>console</c> verb): its own Azurite, the real app in-process, <c>--leads</c> leads
/// written straight into the Leads table with capture times spread over the last <c>--days</c> days (a tenth of them
/// today), then each cockpit request <c>--runs</c> times, one at a time, signed in through the sign-in form: median
/// and p90 latency, and table transactions per request (background timers included, so a floor of noise).
/// Bounded: 15 minutes at most, 200,000 leads at most.
/// </summary>
internal static partial class ConsoleCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        int leads = 20_000, days = 30, runs = 20;
        for (int i = 0; i < args.Length; i++)
        {
            bool ok = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0;
            switch (args[i])
            {
                case "--leads" when ok && int.Parse(args[i + 1], CultureInfo.InvariantCulture) <= 200_000: leads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--days" when ok && int.Parse(args[i + 1], CultureInfo.InvariantCulture) <= 300: days = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when ok && int.Parse(args[i + 1], CultureInfo.InvariantCulture) <= 1000: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    error.WriteLine("usage: console [--leads 20000 (≤ 200000)] [--days 30 (≤ 300)] [--runs 20 (≤ 1000)]");
                    return 2;
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        output.WriteLine("starting Azurite and maildev…");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var counter = new LoadTransactionCounter(dev.TablePort, dev.QueuePort);
        await using var app = await LoadAppInstance.StartAsync(storage, dev.SmtpPort, "rep@example.com", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), counter,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" }).ConfigureAwait(false);

        output.WriteLine($"writing {leads} leads over {days} days…");
        var clock = Stopwatch.StartNew();
        await SeedAsync(app.Services.GetRequiredService<ILeadStore>(), leads, days, timeout.Token).ConfigureAwait(false);
        output.WriteLine($"written in {clock.Elapsed.TotalSeconds:F1} s");

        using var client = await SignInAsync(app.Client.BaseAddress!).ConfigureAwait(false);
        string? token = null;
        var requests = new (string Name, Func<string> Path)[]
        {
            ("GET /api/leads (page 1 of 50, default 30 days)", () => "/api/leads"),
            ("GET /api/leads (page 2, continuation token)", () => $"/api/leads?continuationToken={token}"),
            ("GET /api/leads?status=assigned", () => "/api/leads?status=assigned"),
            ("GET /api/leads?utmSource=rare (matches 1 in 1000)", () => "/api/leads?utmSource=rare"),
            ("GET /api/console (Today)", () => "/api/console"),
            ("GET /api/console/leads (list page)", () => "/api/console/leads"),
            ("GET /api/console/quarantine", () => "/api/console/quarantine"),
        };
        using (var first = await client.GetAsync("/api/leads", timeout.Token).ConfigureAwait(false))
        {
            token = TokenField().Match(await first.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false)).Groups[1].Value;
        }
        output.WriteLine($"{"request",-52} {"median ms",10} {"p90 ms",8} {"table tx/request",17}");
        foreach (var (name, path) in requests)
        {
            var times = new List<double>();
            long before = TableTransactions(counter);
            for (int run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path(), timeout.Token).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    error.WriteLine($"{name}: {(int)response.StatusCode}");
                    return 1;
                }
            }
            double perRequest = (TableTransactions(counter) - before) / (double)runs;
            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-52} {times[times.Count / 2],10:F0} {times[(int)Math.Ceiling(times.Count * 0.9) - 1],8:F0} {perRequest,17:F1}"));
        }
        return 0;
    }

    private static long TableTransactions(LoadTransactionCounter counter) =>
        counter.Snapshot().Where(p => p.Key.StartsWith("table", StringComparison.Ordinal)).Sum(p => p.Value);

    private static async Task SeedAsync(ILeadStore store, int count, int days, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var statuses = new[] { LeadStatus.Spam, LeadStatus.RoutedService, LeadStatus.RoutedHr, LeadStatus.RoutedOther, LeadStatus.Assigned, LeadStatus.Accepted, LeadStatus.Sql, LeadStatus.Nurture };
        var random = new Random(14);
        var specs = Enumerable.Range(0, count).Select(i =>
        {
            var ago = i % 10 == 0 ? TimeSpan.FromMinutes(random.Next(1, 8 * 60)) : TimeSpan.FromMinutes(random.Next(60, days * 24 * 60));
            return (At: now - ago, Status: statuses[random.Next(statuses.Length)], Rare: i % 1000 == 0, Index: i);
        }).ToList();
        await Parallel.ForEachAsync(specs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (spec, ct) =>
        {
            var captured = new CapturedLead
            {
                Channel = (Channel)(spec.Index % 4),
                Provider = "web",
                Contact = new Contact { FirstName = "Client", LastName = spec.Index.ToString(CultureInfo.InvariantCulture), Email = $"client{spec.Index}@example.com", Company = $"Atelier {spec.Index}" },
                Message = "Bonjour, pouvez-vous nous faire une proposition chiffrée pour 200 pièces usinées ? Merci.",
                Source = new SourceAttribution { UtmSource = spec.Rare ? "rare" : "google", UtmCampaign = "hiver" },
            };
            var (lead, first) = Lead.Capture(captured, LeadId.New(spec.At), spec.At);
            lead = lead.MovedTo(spec.Status, spec.At.AddSeconds(3)) with
            {
                Intent = spec.Status == LeadStatus.Spam ? LeadIntent.Spam : LeadIntent.Commercial,
                Assignment = spec.Status is LeadStatus.Assigned or LeadStatus.Accepted or LeadStatus.Sql ? new RepAssignment("rep@example.com", "Rep", "bench", spec.At.AddSeconds(3)) : null,
                RepNotifiedAt = spec.At.AddSeconds(4),
            };
            await store.TryCreateAsync(lead, first, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var page = await client.GetStringAsync("/api/console/sign-in").ConfigureAwait(false);
        var csrf = WebUtility.HtmlDecode(CsrfField().Match(page).Groups[1].Value);
        using var response = await client.PostAsync("/api/console/sign-in", new FormUrlEncodedContent([new("key", LoadAppInstance.AdminKey), new("csrf", csrf)])).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("\"continuationToken\":\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
