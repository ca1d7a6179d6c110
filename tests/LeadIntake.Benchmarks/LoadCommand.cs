using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The end-to-end load generator (<c>load</c> verb): its own Azurite and maildev, the real app in-process (one or more
/// instances on one storage account) or published and run as its own process (<c>--separate-process</c>), a warm-up
/// (300 leads by default, followed to their rep mails, not measured), then commercial form leads posted open-loop at a
/// steady rate, optionally beside a bot flood (<c>--flood-rate</c>), then every lead followed to its rep mail. Reports
/// ingest latency, capture → rep-mail latency, throughput, storage transactions per lead (in-process), the app's CPU
/// and peak memory, the bot posts' answers, missing leads and leads that did not end assigned.
/// </summary>
internal static class LoadCommand
{
    private const string RepEmail = "rep-load@example.com";
    // Warm-up leads get other numbers than measured ones: a shared phone would make a measured lead a known contact's touch.
    private const int WarmupIndexOffset = 90_000_000;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = LoadOptions.Parse(args, error);
        if (options is null) return 2;
        var time = TimeProvider.System;
        var loadBefore = LoadAverage();
        output.WriteLine($"load: {options.LeadCount} leads at {options.Rate}/s for {options.DurationSeconds} s " +
                         (options.SeparateProcess ? "on the app as its own process" : $"on {options.Instances} in-process instance(s)") +
                         (options.FloodRate > 0 ? $", beside {options.FloodCount} bot posts at {options.FloodRate}/s ({(options.FloodRotate ? "forged X-Forwarded-For rotated on every post" : "one address")}), rate limit {options.EffectiveRateLimit}/min" : "") +
                         $"; {Environment.ProcessorCount} cores, load average {loadBefore}");

        var appDirectory = options.SeparateProcess ? options.AppDirectory ?? await LoadAppProcess.PublishAsync(output).ConfigureAwait(false) : null;
        output.WriteLine("starting Azurite and maildev…");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var counter = new LoadTransactionCounter(dev.TablePort, dev.QueuePort);
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var extra = new Dictionary<string, string?> { ["Forms:RateLimitPerMinute"] = options.EffectiveRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var instances = new List<LoadAppInstance>();
        LoadAppProcess? process = null;
        if (appDirectory is not null)
        {
            var settings = LoadAppInstance.Settings(storage, dev.SmtpPort, RepEmail, signingKey);
            foreach (var (key, value) in extra) settings[key] = value;
            output.WriteLine($"starting the app from {appDirectory}…");
            process = await LoadAppProcess.StartAsync(appDirectory, settings, options.AppLog).ConfigureAwait(false);
        }
        else
        {
            for (int i = 0; i < options.Instances; i++)
            {
                instances.Add(await LoadAppInstance.StartAsync(storage, dev.SmtpPort, RepEmail, signingKey, counter, extra).ConfigureAwait(false));
            }
        }
        IReadOnlyList<HttpClient> clients = process is not null ? [process.Client] : instances.Select(i => i.Client).ToList();

        using var sampling = new CancellationTokenSource();
        var sampler = SampleProcessAsync(process, sampling.Token);
        try
        {
            var run = time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            if (options.WarmupLeads > 0)
            {
                output.WriteLine($"warm-up: {options.WarmupLeads} leads, not measured…");
                var warm = await SendAsync(clients, options.WarmupLeads, Math.Min(options.Rate, 20),
                    i => LoadLeadForms.Create(run + "w", WarmupIndexOffset + i), i => LoadFlood.GenuineForwardedFor(WarmupIndexOffset + i)).ConfigureAwait(false);
                var warmIds = warm.Where(p => p.LeadId is not null).Select(p => p.LeadId!).ToHashSet(StringComparer.Ordinal);
                if (!await WaitForNotifiedAsync(storage, warmIds, TimeSpan.FromSeconds(120)).ConfigureAwait(false)) output.WriteLine("warm-up: not every lead was notified within 120 s");
            }

            var before = counter.Snapshot();
            counter.StartLatencyWindow();
            var cpuBefore = process?.CpuTime() ?? Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = GC.GetTotalPauseDuration();
            process?.ResetSampledPeak();
            var started = time.GetUtcNow();
            output.WriteLine($"sending {options.LeadCount} leads" + (options.FloodCount > 0 ? $" and {options.FloodCount} bot posts…" : "…"));
            var sending = SendAsync(clients, options.LeadCount, options.Rate,
                i => LoadLeadForms.Create(run, i), LoadFlood.GenuineForwardedFor);
            var flooding = options.FloodCount > 0
                ? SendAsync(clients, options.FloodCount, options.FloodRate, i => LoadFlood.BotForm(run, i), i => LoadFlood.BotForwardedFor(i, options.FloodRotate))
                : Task.FromResult<IReadOnlyList<LoadPost>>([]);
            var posts = await sending.ConfigureAwait(false);
            var botPosts = await flooding.ConfigureAwait(false);
            var lastSend = time.GetUtcNow();
            var acceptedIds = posts.Where(p => p.LeadId is not null).Select(p => p.LeadId!).ToHashSet(StringComparer.Ordinal);
            bool complete = await WaitForNotifiedAsync(storage, acceptedIds, TimeSpan.FromSeconds(options.TimeoutSeconds)).ConfigureAwait(false);
            var finished = time.GetUtcNow();
            var after = counter.Snapshot();
            var latencies = counter.StopLatencyWindow();
            var cpu = (process?.CpuTime() ?? Process.GetCurrentProcess().TotalProcessorTime) - cpuBefore;
            var gcPause = GC.GetTotalPauseDuration() - gcBefore;
            var loadAfter = LoadAverage();
            output.WriteLine(complete ? "every lead notified; reading the results…" : $"timeout {options.TimeoutSeconds} s after the last send; reading the results…");

            var leads = await ReadLeadsAsync(storage, acceptedIds).ConfigureAwait(false);
            var mails = await ReadMaildevAsync(dev.MailWebPort).ConfigureAwait(false);
            await sampling.CancelAsync().ConfigureAwait(false);
            var sampled = await sampler.ConfigureAwait(false);
            var app = process is null
                ? new LoadAppFigures("in-process", cpu.TotalSeconds, Math.Max(sampled.PeakBytes, Process.GetCurrentProcess().PeakWorkingSet64) / (1024.0 * 1024.0), double.NaN)
                : new LoadAppFigures("separate process", cpu.TotalSeconds, process.PeakRssKb() / 1024.0, process.SampledPeakRssKb / 1024.0);
            var flood = new LoadFloodFigures(options.FloodRate, options.FloodRotate, options.EffectiveRateLimit, botPosts.Count,
                botPosts.Count(p => p.LeadId is not null),
                botPosts.GroupBy(p => p.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                LoadReport.Percentile(botPosts.Select(p => p.LatencyMs).Order().ToList(), 0.99));

            var figures = LoadReport.Compute(options, RepEmail, posts, leads, mails, process is null ? Delta(before, after) : new Dictionary<string, long>(), latencies,
                started, lastSend, finished, app, flood, sampled.PeakQueue, sampled.PeakThreads, gcPause, loadBefore, loadAfter);
            LoadReport.Print(figures, output);
            if (options.JsonOut is not null)
            {
                await File.WriteAllTextAsync(options.JsonOut, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })).ConfigureAwait(false);
            }
            if (options.TraceOut is not null) await WriteTraceAsync(options.TraceOut, posts, leads).ConfigureAwait(false);
            return figures.Missing == 0 && figures.FailedPosts == 0 ? 0 : 1;
        }
        finally
        {
            await sampling.CancelAsync().ConfigureAwait(false);
            foreach (var instance in instances) await instance.DisposeAsync().ConfigureAwait(false);
            process?.Dispose();
            // Azurite and maildev are stopped by DevServices when this process exits.
        }
    }

    /// <summary>
    /// Open loop: post <c>i</c> leaves at <c>i / rate</c> seconds whatever the earlier ones are doing, with the body and
    /// the <c>X-Forwarded-For</c> (what the proxy in front of the app would send) of number <c>i</c>.
    /// </summary>
    private static async Task<IReadOnlyList<LoadPost>> SendAsync(
        IReadOnlyList<HttpClient> clients, int count, double rate, Func<int, Dictionary<string, object>> body, Func<int, string> forwardedFor)
    {
        var tasks = new Task<LoadPost>[count];
        long origin = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(origin);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait).ConfigureAwait(false);
            tasks[i] = PostAsync(clients[i % clients.Count], body(i), forwardedFor(i), origin, due);
        }
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task<LoadPost> PostAsync(HttpClient client, Dictionary<string, object> body, string forwardedFor, long origin, TimeSpan due)
    {
        var sentAt = Stopwatch.GetElapsedTime(origin);
        var wallSent = TimeProvider.System.GetUtcNow();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/intake/form", UriKind.Relative)) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            string? id = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var json = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                id = json.GetProperty("id").GetString();
            }
            // Latency from the intended send time (open loop: a late send is the system's latency too, not hidden).
            var latency = Stopwatch.GetElapsedTime(origin) - due;
            return new LoadPost(id, (int)response.StatusCode, due.TotalMilliseconds, latency.TotalMilliseconds, (sentAt - due).TotalMilliseconds, wallSent);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new LoadPost(null, 0, due.TotalMilliseconds, (Stopwatch.GetElapsedTime(origin) - due).TotalMilliseconds, (sentAt - due).TotalMilliseconds, wallSent);
        }
    }

    /// <summary>
    /// Waits until every lead of <paramref name="ids"/> has its rep mail, watching from outside the app (so it works the
    /// same on a separate process): the two pipeline queues' depths every half second (one cheap call each), and only
    /// when both are empty one read of the lead rows. Mailing happens before a dispatch message is completed, so empty
    /// queues with a lead not yet notified means a lead lost (or poisoned), and the wait goes on until the timeout.
    /// </summary>
    private static async Task<bool> WaitForNotifiedAsync(string storage, IReadOnlySet<string> ids, TimeSpan timeout)
    {
        if (ids.Count == 0) return true;
        var queues = QueueNames.All.Select(name => new Azure.Storage.Queues.QueueClient(storage, name)).ToList();
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            int depth = 0;
            foreach (var queue in queues) depth += (await queue.GetPropertiesAsync().ConfigureAwait(false)).Value.ApproximateMessagesCount;
            if (depth == 0)
            {
                var leads = await ReadLeadsAsync(storage, ids.ToHashSet(StringComparer.Ordinal)).ConfigureAwait(false);
                if (ids.All(id => leads.TryGetValue(id, out var lead) && lead.RepNotifiedAt is not null)) return true;
            }
            await Task.Delay(500).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Every measured lead as stored, read with a client outside the app (its transactions are not counted).</summary>
    internal static async Task<Dictionary<string, Lead>> ReadLeadsAsync(string storage, HashSet<string> ids)
    {
        var table = new TableClient(storage, TableNames.Leads);
        var leads = new Dictionary<string, Lead>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Kind eq {"lead"}")).ConfigureAwait(false))
        {
            if (!ids.Contains(entity.RowKey)) continue;
            int chunks = entity.GetInt32("DataChunks") ?? 0;
            var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Data{i}")));
            if (JsonSerializer.Deserialize<Lead>(json, LeadJson.Options) is { } lead) leads[entity.RowKey] = lead;
        }
        return leads;
    }

    /// <summary>
    /// maildev's list, read once at the end (it slows down with thousands of mails). maildev keeps no receive time (its
    /// <c>time</c> is the mail's Date header, whole seconds), so it serves to count mails; latency comes from repNotifiedAt.
    /// </summary>
    internal static async Task<IReadOnlyList<LoadMail>> ReadMaildevAsync(int webPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromMinutes(2) };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/email").ConfigureAwait(false);
        var mails = new List<LoadMail>();
        foreach (var item in list.EnumerateArray())
        {
            var to = item.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(a => a.TryGetProperty("address", out var addr) ? addr.GetString() ?? "" : "").ToList()
                : [];
            var messageId = item.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
                && headers.TryGetProperty("message-id", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            mails.Add(new LoadMail(messageId.Trim().Trim('<', '>'), to));
        }
        return mails;
    }

    /// <summary>One CSV line per lead: when it was due (ms from the first send), POST latency, and its stage times (ms after capture).</summary>
    private static async Task WriteTraceAsync(string path, IReadOnlyList<LoadPost> posts, IReadOnlyDictionary<string, Lead> leads)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var lines = new List<string> { "dueMs,postMs,status,leadId,capturedAt,mqlMs,assignedMs,notifiedMs" };
        foreach (var p in posts)
        {
            var lead = p.LeadId is null ? null : leads.GetValueOrDefault(p.LeadId);
            string After(DateTimeOffset? at) => lead is null || at is null ? "" : (at.Value - lead.CapturedAt).TotalMilliseconds.ToString("0", c);
            lines.Add(string.Create(c, $"{p.DueMs:0},{p.LatencyMs:0.0},{p.Status},{p.LeadId},{lead?.CapturedAt:O},{After(lead?.StageTimes.GetValueOrDefault(LeadStatus.Mql))},{After(lead?.StageTimes.GetValueOrDefault(LeadStatus.Assigned))},{After(lead?.RepNotifiedAt)}"));
        }
        await File.WriteAllLinesAsync(path, lines).ConfigureAwait(false);
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key), StringComparer.Ordinal);

    /// <summary>
    /// Peak memory (the app process's VmRSS when it runs apart, else this process's working set), and this process's
    /// thread pool peak queue and thread count (a starved pool stalls everything in-process).
    /// </summary>
    private static async Task<(long PeakBytes, long PeakQueue, int PeakThreads)> SampleProcessAsync(LoadAppProcess? app, CancellationToken cancellationToken)
    {
        long peak = 0, queue = 0;
        int threads = 0;
        using var process = Process.GetCurrentProcess();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (app is not null)
            {
                try
                {
                    peak = Math.Max(peak, app.SampleRssKb() * 1024);
                }
                catch (IOException)
                {
                    // the process is gone
                }
            }
            else
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            queue = Math.Max(queue, ThreadPool.PendingWorkItemCount);
            threads = Math.Max(threads, ThreadPool.ThreadCount);
            try
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return (peak, queue, threads);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
