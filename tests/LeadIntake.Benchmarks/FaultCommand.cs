using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The fault run (<c>fault</c> verb): two app instances as separate processes on one storage emulator pair of its own;
/// genuine form leads at a steady rate, alternating between the instances; instance A killed with SIGKILL and started
/// again; the emulators stopped (SIGINT: they keep their data) for the outage and started again on the same ports and
/// data. Clients behave like a form page or a webhook provider: on 503 they wait Retry-After and send the same lead
/// again (same Idempotency-Key); when an instance does not answer they try the other one, as a load balancer would.
/// Reports leads accepted and lost, answers by status, duplicate rep mails, leads stuck, and the time from storage's
/// return until every lead sent before it is mailed to its rep. Nothing is restarted but instance A, once, on schedule.
/// </summary>
internal static class FaultCommand
{
    private const string RepEmail = "rep-fault@example.com";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(4);

    private sealed record LeadAttempts(int Index, TimeSpan FirstAttempt, string? LeadId, int Attempts);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = FaultOptions.Parse(args, error);
        if (options is null) return 2;
        var time = TimeProvider.System;
        output.WriteLine($"fault: {options.LeadCount} leads at {options.Rate}/s for {options.DurationSeconds} s on 2 instances; " +
                         $"kill A at {options.KillAt} s, restart at {options.RestartAt} s; storage down at {options.OutageAt} s for {options.OutageSeconds} s");
        var dev = await DevServices.GetAsync().ConfigureAwait(false);
        await using var storage = await StorageEmulator.StartAsync().ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("leadintake-fault-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Auth:FunctionKey"] = "fault-function-key",
            ["Auth:AdminKey"] = "fault-admin-key",
            ["Mail:From"] = "leadintake@example.com",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = dev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Dispatch:DefaultRepEmail"] = RepEmail,
            ["Dispatch:DefaultRepName"] = "Fault Rep",
            ["Links:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Privacy:SuppressionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Intake:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Screening:ServiceMailbox"] = "service@example.com",
            ["Screening:HrMailbox"] = "hr@example.com",
            ["Screening:MarketingMailbox"] = "marketing@example.com",
            ["Screening:CountClientBursts"] = "false",
            ["Forms:RateLimitPerMinute"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        int[] ports = [DevServices.FreePort(), DevServices.FreePort()];
        var instances = new FaultAppProcess?[2];
        var errorLines = new int[2];
        output.WriteLine("starting two app processes…");
        instances[0] = await FaultAppProcess.StartAsync(ports[0], settings, work).ConfigureAwait(false);
        instances[1] = await FaultAppProcess.StartAsync(ports[1], settings, work).ConfigureAwait(false);
        using var clients = new ClientPair(ports);
        var answers = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var phases = new Phases();
        var run = time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        DateTimeOffset storageBack = default;
        TimeSpan storageBackElapsed = default;
        try
        {
            long origin = Stopwatch.GetTimestamp();
            var schedule = Task.Run(async () =>
            {
                await DelayUntilAsync(origin, options.KillAt).ConfigureAwait(false);
                errorLines[0] += instances[0]!.ErrorLines;
                instances[0]!.Dispose();
                output.WriteLine($"{Stopwatch.GetElapsedTime(origin).TotalSeconds,6:0.0} s  instance A killed (SIGKILL)");
                await DelayUntilAsync(origin, options.RestartAt).ConfigureAwait(false);
                var restarting = Stopwatch.GetTimestamp();
                instances[0] = await FaultAppProcess.StartAsync(ports[0], settings, work).ConfigureAwait(false);
                phases.RestartTook = Stopwatch.GetElapsedTime(restarting);
                output.WriteLine($"{Stopwatch.GetElapsedTime(origin).TotalSeconds,6:0.0} s  instance A started again");
                await DelayUntilAsync(origin, options.OutageAt).ConfigureAwait(false);
                phases.OutageFrom = Stopwatch.GetElapsedTime(origin);
                await storage.StopAsync().ConfigureAwait(false);
                output.WriteLine($"{Stopwatch.GetElapsedTime(origin).TotalSeconds,6:0.0} s  storage stopped");
                await DelayUntilAsync(origin, options.OutageAt + options.OutageSeconds).ConfigureAwait(false);
                await storage.RestartAsync().ConfigureAwait(false);
                storageBack = time.GetUtcNow();
                storageBackElapsed = Stopwatch.GetElapsedTime(origin);
                phases.OutageUntil = storageBackElapsed;
                output.WriteLine($"{storageBackElapsed.TotalSeconds,6:0.0} s  storage started again (same ports, same data)");
            });

            var sends = new Task<LeadAttempts>[options.LeadCount];
            for (int i = 0; i < options.LeadCount; i++)
            {
                var wait = TimeSpan.FromSeconds(i / options.Rate) - Stopwatch.GetElapsedTime(origin);
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait).ConfigureAwait(false);
                sends[i] = SendUntilAcceptedAsync(clients, i, LoadLeadForms.Create(run, i), $"{run}-{i}", origin, answers, phases);
            }
            await schedule.ConfigureAwait(false);
            var leadsSent = await Task.WhenAll(sends).ConfigureAwait(false);
            output.WriteLine($"{Stopwatch.GetElapsedTime(origin).TotalSeconds,6:0.0} s  every lead answered or given up; waiting for the rep mails…");

            var accepted = leadsSent.Where(l => l.LeadId is not null).ToList();
            var ids = accepted.Select(l => l.LeadId!).ToHashSet(StringComparer.Ordinal);
            var deadline = Stopwatch.GetTimestamp();
            Dictionary<string, LeadIntake.Core.Leads.Lead> leads;
            while (true)
            {
                leads = await LoadCommand.ReadLeadsAsync(storage.ConnectionString, ids).ConfigureAwait(false);
                if (leads.Values.Count(l => l.RepNotifiedAt is not null) >= ids.Count || Stopwatch.GetElapsedTime(deadline) > TimeSpan.FromSeconds(options.TimeoutSeconds)) break;
                await Task.Delay(2000).ConfigureAwait(false);
            }
            var mails = await LoadCommand.ReadMaildevAsync(dev.MailWebPort).ConfigureAwait(false);
            var repMails = mails.Where(m => m.To.Contains(RepEmail, StringComparer.OrdinalIgnoreCase)).ToList();
            var duplicateMails = repMails.GroupBy(m => m.MessageId, StringComparer.Ordinal).Sum(g => g.Count() - 1);

            // The backlog: every lead whose first attempt came before storage returned (queued, in flight, or refused with 503).
            var backlog = accepted.Where(l => l.FirstAttempt < storageBackElapsed).ToList();
            var backlogNotified = backlog.Select(l => leads.GetValueOrDefault(l.LeadId!)?.RepNotifiedAt).ToList();
            var clearTimes = backlogNotified.Where(n => n is not null).Select(n => (n!.Value - storageBack).TotalSeconds).Order().ToList();
            double? clear = backlogNotified.All(n => n is not null) && clearTimes.Count > 0 ? clearTimes[^1] : null;
            double? clear99 = clearTimes.Count > 0 ? clearTimes[Math.Min(clearTimes.Count - 1, (int)Math.Ceiling(backlog.Count * 0.99) - 1)] : null;
            var stuckByStatus = leads.Values.Where(l => l.RepNotifiedAt is null).GroupBy(l => LeadIntake.Core.Leads.WireNames.Of(l.Status))
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            errorLines[0] += instances[0]?.ErrorLines ?? 0;
            errorLines[1] += instances[1]?.ErrorLines ?? 0;
            var figures = new
            {
                leads = options.LeadCount,
                accepted = accepted.Count,
                lost = options.LeadCount - accepted.Count,
                notified = leads.Values.Count(l => l.RepNotifiedAt is not null),
                stuck = leads.Values.Count(l => l.RepNotifiedAt is null),
                stuckByStatus,
                waitedSecondsForMails = Math.Round(Stopwatch.GetElapsedTime(deadline).TotalSeconds),
                answers = answers.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                repMails = repMails.Count,
                duplicateRepMails = duplicateMails,
                backlogLeads = backlog.Count,
                backlogClearSecondsAfterStorageReturn = clear,
                backlog99PercentSecondsAfterStorageReturn = clear99,
                backlogLeadsMailedLaterThan60s = clearTimes.Count(t => t > 60),
                instanceARestartSeconds = Math.Round(phases.RestartTook.TotalSeconds, 1),
                storageDownSeconds = Math.Round((phases.OutageUntil - phases.OutageFrom).TotalSeconds, 1),
                maxAttemptsPerLead = leadsSent.Max(l => l.Attempts),
                errorLinesLogged = new { instanceA = errorLines[0], instanceB = errorLines[1] },
                errorCategories = FaultAppProcess.ErrorCategories.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                loadAverage = LoadAverage(),
                appRestartsBesidesTheScheduledKill = 0,
            };
            output.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
            if (options.JsonOut is not null) await File.WriteAllTextAsync(options.JsonOut, JsonSerializer.Serialize(figures)).ConfigureAwait(false);
            bool onlyAllowed = answers.Keys.All(k => k.StartsWith("no answer", StringComparison.Ordinal) || k.StartsWith("20", StringComparison.Ordinal) || k.StartsWith("503", StringComparison.Ordinal));
            return figures.lost == 0 && figures.stuck == 0 && onlyAllowed ? 0 : 1;
        }
        finally
        {
            foreach (var instance in instances) instance?.Dispose();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    /// <summary>One lead, sent until accepted: 503 → wait Retry-After, same instance; no answer → the other instance.</summary>
    private static async Task<LeadAttempts> SendUntilAcceptedAsync(ClientPair clients, int index, Dictionary<string, object> body, string key, long origin, ConcurrentDictionary<string, long> answers, Phases phases)
    {
        var first = Stopwatch.GetElapsedTime(origin);
        int target = index % 2;
        for (int attempt = 1; ; attempt++)
        {
            if (Stopwatch.GetElapsedTime(origin) - first > GiveUpAfter) return new LeadAttempts(index, first, null, attempt - 1);
            TimeSpan pause;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/intake/form", UriKind.Relative)) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await clients[target].SendAsync(request).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                answers.AddOrUpdate(phases.Label(status.ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(origin)), 1, (_, n) => n + 1);
                if (status is 200 or 202)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                    return new LeadAttempts(index, first, json.GetProperty("id").GetString(), attempt);
                }
                pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.AddOrUpdate(phases.Label("no answer", Stopwatch.GetElapsedTime(origin)), 1, (_, n) => n + 1);
                target = 1 - target;
                pause = TimeSpan.FromMilliseconds(500);
            }
            await Task.Delay(pause).ConfigureAwait(false);
        }
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

    /// <summary>When storage was down, so that every answer is counted as before, during or after the outage.</summary>
    private sealed class Phases
    {
        public TimeSpan OutageFrom { get; set; } = TimeSpan.MaxValue;
        public TimeSpan OutageUntil { get; set; } = TimeSpan.MaxValue;
        public TimeSpan RestartTook { get; set; }

        public string Label(string answer, TimeSpan at) =>
            at < OutageFrom ? $"{answer} before outage" : at < OutageUntil ? $"{answer} during outage" : $"{answer} after outage";
    }

    private static async Task DelayUntilAsync(long origin, int seconds)
    {
        var wait = TimeSpan.FromSeconds(seconds) - Stopwatch.GetElapsedTime(origin);
        if (wait > TimeSpan.Zero) await Task.Delay(wait).ConfigureAwait(false);
    }

    private sealed class ClientPair(int[] ports) : IDisposable
    {
        private readonly HttpClient[] _clients = ports.Select(p => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{p}"),
            Timeout = TimeSpan.FromSeconds(30),
        }).ToArray();

        public HttpClient this[int i] => _clients[i];

        public void Dispose()
        {
            foreach (var c in _clients) c.Dispose();
        }
    }
}
