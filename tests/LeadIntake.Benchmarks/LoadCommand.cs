using System.Diagnostics;
using System.Diagnostics.Metrics;
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
/// instances on one storage account), commercial form leads posted open-loop at a steady rate, then every lead followed
/// to its rep mail. Reports ingest latency, capture → rep-mail latency, throughput, storage transactions per lead,
/// peak working set, missing leads and leads that did not end assigned.
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
        output.WriteLine($"load: {options.LeadCount} leads at {options.Rate}/s for {options.DurationSeconds} s on {options.Instances} instance(s); " +
                         $"{Environment.ProcessorCount} cores, load average {loadBefore}");

        output.WriteLine("starting Azurite and maildev…");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var counter = new LoadTransactionCounter(dev.TablePort, dev.QueuePort);
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var instances = new List<LoadAppInstance>();
        for (int i = 0; i < options.Instances; i++)
        {
            instances.Add(await LoadAppInstance.StartAsync(storage, dev.SmtpPort, RepEmail, signingKey, counter).ConfigureAwait(false));
        }

        long notified = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LeadIntakeTelemetry.Name && instrument.Name == "leadintake.dispatch.latency") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref notified));
        listener.Start();

        using var sampling = new CancellationTokenSource();
        var sampler = SampleProcessAsync(sampling.Token);
        try
        {
            var run = time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            if (options.WarmupLeads > 0)
            {
                output.WriteLine($"warm-up: {options.WarmupLeads} leads…");
                var warm = await SendAsync(instances, run + "w", WarmupIndexOffset, options.WarmupLeads, Math.Min(options.Rate, 10), time).ConfigureAwait(false);
                await WaitForAsync(() => Interlocked.Read(ref notified) >= warm.Count(p => p.LeadId is not null), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }

            long baseline = Interlocked.Read(ref notified);
            var before = counter.Snapshot();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = GC.GetTotalPauseDuration();
            var started = time.GetUtcNow();
            output.WriteLine($"sending {options.LeadCount} leads…");
            var sending = SendAsync(instances, run, 0, options.LeadCount, options.Rate, time);
            var posts = await sending.ConfigureAwait(false);
            var lastSend = time.GetUtcNow();
            int accepted = posts.Count(p => p.LeadId is not null);
            var deadline = TimeSpan.FromSeconds(options.TimeoutSeconds);
            bool complete = await WaitForAsync(() => Interlocked.Read(ref notified) - baseline >= accepted, deadline).ConfigureAwait(false);
            var finished = time.GetUtcNow();
            var after = counter.Snapshot();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var gcPause = GC.GetTotalPauseDuration() - gcBefore;
            var loadAfter = LoadAverage();
            output.WriteLine(complete ? "every lead notified; reading the results…" : $"timeout {options.TimeoutSeconds} s after the last send; reading the results…");

            var leads = await ReadLeadsAsync(storage, posts.Where(p => p.LeadId is not null).Select(p => p.LeadId!).ToHashSet(StringComparer.Ordinal)).ConfigureAwait(false);
            var mails = await ReadMaildevAsync(dev.MailWebPort).ConfigureAwait(false);
            await sampling.CancelAsync().ConfigureAwait(false);
            var sampled = await sampler.ConfigureAwait(false);

            var figures = LoadReport.Compute(options, RepEmail, posts, leads, mails, Delta(before, after), started, lastSend, finished,
                sampled.PeakBytes, Process.GetCurrentProcess().PeakWorkingSet64, sampled.PeakQueue, sampled.PeakThreads, gcPause, cpu, loadBefore, loadAfter);
            LoadReport.Print(figures, output);
            if (options.JsonOut is not null)
            {
                await File.WriteAllTextAsync(options.JsonOut, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            }
            if (options.TraceOut is not null) await WriteTraceAsync(options.TraceOut, posts, leads).ConfigureAwait(false);
            return figures.Missing == 0 && figures.FailedPosts == 0 ? 0 : 1;
        }
        finally
        {
            await sampling.CancelAsync().ConfigureAwait(false);
            foreach (var instance in instances) await instance.DisposeAsync().ConfigureAwait(false);
            // Azurite and maildev are stopped by DevServices when this process exits.
        }
    }

    /// <summary>Open loop: request <c>i</c> leaves at <c>i / rate</c> seconds whatever the earlier ones are doing.</summary>
    private static async Task<IReadOnlyList<LoadPost>> SendAsync(IReadOnlyList<LoadAppInstance> instances, string run, int firstIndex, int count, double rate, TimeProvider time)
    {
        var tasks = new Task<LoadPost>[count];
        long origin = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(origin);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait).ConfigureAwait(false);
            var body = LoadLeadForms.Create(run, firstIndex + i);
            var client = instances[i % instances.Count].Client;
            tasks[i] = PostAsync(client, body, origin, due, time);
        }
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task<LoadPost> PostAsync(HttpClient client, Dictionary<string, object> body, long origin, TimeSpan due, TimeProvider time)
    {
        var sentAt = Stopwatch.GetElapsedTime(origin);
        var wallSent = time.GetUtcNow();
        try
        {
            using var response = await client.PostAsync(new Uri("/api/intake/form", UriKind.Relative), JsonContent.Create(body)).ConfigureAwait(false);
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

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        long start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > timeout) return false;
            await Task.Delay(50).ConfigureAwait(false);
        }
        return true;
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

    /// <summary>Peak working set, and the thread pool's peak queue and thread count (a starved pool stalls everything in-process).</summary>
    private static async Task<(long PeakBytes, long PeakQueue, int PeakThreads)> SampleProcessAsync(CancellationToken cancellationToken)
    {
        long peak = 0, queue = 0;
        int threads = 0;
        using var process = Process.GetCurrentProcess();
        while (!cancellationToken.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
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
