using System.Diagnostics;
using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The app published in Release and run as its own process (<c>dotnet LeadIntake.Functions.dll</c>), as in production,
/// so that its CPU time and memory are its own and not the load generator's. CPU comes from <c>/proc/&lt;pid&gt;/stat</c>
/// (utime + stime), memory from <c>/proc/&lt;pid&gt;/status</c> (VmHWM, the kernel's peak resident set, and VmRSS).
/// </summary>
internal sealed class LoadAppProcess : IDisposable
{
    private readonly Process _process;
    private long _peakRssKb;

    private readonly StreamWriter? _log;

    private LoadAppProcess(Process process, HttpClient client, string? logPath)
    {
        _process = process;
        Client = client;
        // The app's console (Warning and above) is kept only when asked for (--app-log): a lead's stall shows there.
        _log = logPath is null ? null : new StreamWriter(logPath, append: false) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    private void Log(string? line)
    {
        if (_log is null || line is null) return;
        lock (_log) _log.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}");
    }

    public int ProcessId => _process.Id;

    /// <summary>Publishes the app of this repository (Release) into a throw-away folder; returns the folder.</summary>
    public static async Task<string> PublishAsync(TextWriter output)
    {
        var root = LeadIntake.Functions.Hosting.RepositoryRoot.Find() ?? throw new InvalidOperationException("repository root not found");
        var target = Path.Combine(Path.GetTempPath(), $"leadintake-load-app-{Guid.NewGuid():N}"[..40]);
        output.WriteLine($"publishing the app (Release) to {target}…");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { "publish", "src/LeadIntake.Functions", "-c", "Release", "-o", target, "--nologo" }) info.ArgumentList.Add(argument);
        using var publish = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().ConfigureAwait(false);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        return target;
    }

    public static async Task<LoadAppProcess> StartAsync(string appDirectory, IReadOnlyDictionary<string, string?> settings, string? logPath = null)
    {
        var dll = Path.Combine(appDirectory, "LeadIntake.Functions.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"no published app in {appDirectory}", dll);
        int port = LeadIntake.Functions.Tests.Infrastructure.DevServices.FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = appDirectory };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var app = new LoadAppProcess(process, client, logPath);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"the app process exited with code {process.ExitCode}");
            try
            {
                using var response = await client.GetAsync(new Uri("/api/openapi.json", UriKind.Relative)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        app.Dispose();
        throw new TimeoutException("the app process did not answer within 60 s");
    }

    /// <summary>User + system CPU time of the process so far (<c>/proc/&lt;pid&gt;/stat</c> fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Resident set now, in KiB (VmRSS); also tracks the highest value seen.</summary>
    public long SampleRssKb()
    {
        long rss = StatusKb("VmRSS:");
        if (rss > _peakRssKb) _peakRssKb = rss;
        return rss;
    }

    /// <summary>The kernel's peak resident set of the process (VmHWM), in KiB: from its start, warm-up included.</summary>
    public long PeakRssKb() => Math.Max(StatusKb("VmHWM:"), _peakRssKb);

    /// <summary>Highest VmRSS sampled since <see cref="ResetSampledPeak"/> (the measured part only), in KiB.</summary>
    public long SampledPeakRssKb => _peakRssKb;

    public void ResetSampledPeak() => _peakRssKb = 0;

    private long StatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // gone
        }
        _process.Dispose();
        Client.Dispose();
        if (_log is not null) lock (_log) _log.Dispose();
    }
}
