using System.Diagnostics;
using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// One instance of the app as its own process (<c>dotnet LeadIntake.Functions.dll</c>, the build next to this tool),
/// so that it can be killed for real (SIGKILL: no drain, no release of its leased messages). Counts the error lines it logs.
/// </summary>
internal sealed class FaultAppProcess : IDisposable
{
    private readonly Process _process;
    private int _errorLines;

    private FaultAppProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Count(e.Data);
        process.ErrorDataReceived += (_, e) => Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ErrorLines => Volatile.Read(ref _errorLines);

    /// <summary>The "fail: Category[EventId]" lines of every instance, counted (the console logger's first line of an entry: no data).</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, int> ErrorCategories { get; } = new(StringComparer.Ordinal);

    public static async Task<FaultAppProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings, string workingDirectory)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LeadIntake.Functions.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var app = new FaultAppProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (app._process.HasExited) throw new InvalidOperationException($"the app process exited with code {app._process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/openapi.json")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        app.Kill();
        throw new TimeoutException("the app process did not answer within 60 s");
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Count(string? line)
    {
        if (line is not null && (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _errorLines);
            ErrorCategories.AddOrUpdate(line.Trim(), 1, (_, n) => n + 1);
        }
        else if (line is not null && line.StartsWith("warn:", StringComparison.Ordinal))
        {
            ErrorCategories.AddOrUpdate(line.Trim(), 1, (_, n) => n + 1);
        }
    }
}
