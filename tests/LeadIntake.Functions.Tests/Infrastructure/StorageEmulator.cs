using System.Diagnostics;
using System.Globalization;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// A queue and table emulator pair of one test's own, with its data on disk, that the test can stop and start again on
/// the same ports with the same data: a storage outage without disturbing the shared emulators other tests use.
/// Stopping sends SIGINT, on which Azurite saves its databases and closes (the table service handles SIGINT only);
/// a watchdog ends both when the test process is gone.
/// </summary>
public sealed class StorageEmulator : IAsyncDisposable
{
    private const string Account = "outage1";
    private static readonly string AccountKey = Convert.ToBase64String("leadintake-outage-account-key-0000000000"u8.ToArray());

    private readonly string _root;
    private readonly string _data;
    private Process? _queues;
    private Process? _tables;

    private StorageEmulator(string root, string data, int queuePort, int tablePort)
    {
        _root = root;
        _data = data;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int QueuePort { get; }
    public int TablePort { get; }
    public bool Running => _queues is not null;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    public static async Task<StorageEmulator> StartAsync()
    {
        await DevServices.GetAsync(); // npm ci has run
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Tests must run inside the repository.");
        var data = Directory.CreateTempSubdirectory("leadintake-outage-").FullName;
        var emulator = new StorageEmulator(root, data, DevServices.FreePort(), DevServices.FreePort());
        await emulator.RestartAsync();
        return emulator;
    }

    /// <summary>Starts both services on their ports with the data they had (the first time: empty).</summary>
    public async Task RestartAsync()
    {
        if (Running) return;
        string[] common = ["--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent"];
        _queues = Start([Path.Combine(_root, "node_modules", "azurite", "dist", "src", "queue", "main.js"), .. common,
            "--location", Path.Combine(_data, "queue"), "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture)]);
        _tables = Start([Path.Combine(_root, "node_modules", "azurite", "dist", "src", "table", "main.js"), .. common,
            "--location", Path.Combine(_data, "table"), "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture)]);
        await DevServices.WaitForPortAsync(QueuePort, _queues);
        await DevServices.WaitForPortAsync(TablePort, _tables);
    }

    /// <summary>Stops both services (SIGINT: they save their data and close); their ports refuse connections until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (!Running) return;
        await Task.WhenAll(StopAsync(_queues!), StopAsync(_tables!));
        _queues = null;
        _tables = null;
    }

    /// <summary>Freezes both services (SIGSTOP): connections are accepted by the kernel but nothing answers, a hang rather than a refusal.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets both services run again (SIGCONT) after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    public async ValueTask DisposeAsync()
    {
        await ResumeAsync();
        await StopAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // best effort: it is under the temp folder
        }
    }

    private Process Start(string[] arguments)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = _root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{AccountKey}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The test host is often killed rather than exited: this watchdog ends the emulator once the test process is gone.
        var watchdog = new ProcessStartInfo("bash") { UseShellExecute = false };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add("while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; kill -9 \"$2\" 2>/dev/null; true");
        watchdog.ArgumentList.Add("watchdog");
        watchdog.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        watchdog.ArgumentList.Add(process.Id.ToString(CultureInfo.InvariantCulture));
        Process.Start(watchdog)?.Dispose();
        return process;
    }

    private async Task SignalAsync(string signal)
    {
        foreach (var process in new[] { _queues, _tables })
        {
            if (process is null || process.HasExited) continue;
            using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    private static async Task StopAsync(Process process)
    {
        using (process)
        {
            if (process.HasExited) return;
            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
