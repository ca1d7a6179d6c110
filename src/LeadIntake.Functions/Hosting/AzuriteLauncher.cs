using System.Diagnostics;
using System.Net.Sockets;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Development convenience: with <c>AzureWebJobsStorage=UseDevelopmentStorage=true</c> and nothing listening on the
/// emulator's ports, installs (<c>npm ci</c>) and starts the repo-pinned Azurite, data under <c>.azurite/</c>,
/// waits until it answers, and stops it when the app stops.
/// </summary>
internal sealed class AzuriteLauncher : IDisposable
{
    private readonly Process _process;

    private AzuriteLauncher(Process process) => _process = process;

    public static async Task<AzuriteLauncher?> StartIfNeededAsync(IConfiguration configuration, TextWriter log, CancellationToken cancellationToken)
    {
        var setting = configuration[StorageAccount.SettingName]?.Trim();
        if (!string.Equals(setting, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)) return null;
        if (await ListeningAsync(DevelopmentStorage.DefaultQueuePort) && await ListeningAsync(DevelopmentStorage.DefaultTablePort)) return null;

        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException(
            "AzureWebJobsStorage=UseDevelopmentStorage=true but no storage emulator is listening on ports 10001/10002, " +
            "and this is not a source checkout with package.json: start Azurite yourself or set AzureWebJobsStorage.");
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            await log.WriteLineAsync("Installing the repo-pinned Azurite (npm ci)…");
            await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], root, cancellationToken);
        }

        var data = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            entry, "--location", data, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", DevelopmentStorage.DefaultBlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", DevelopmentStorage.DefaultQueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", DevelopmentStorage.DefaultTablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The SDKs pinned here may speak a newer API version than this Azurite knows.
            "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new AzuriteLauncher(process);
        await log.WriteLineAsync($"Started Azurite (pid {process.Id}), data in {data}");

        var deadline = Stopwatch.StartNew();
        while (!(await ListeningAsync(DevelopmentStorage.DefaultQueuePort) && await ListeningAsync(DevelopmentStorage.DefaultTablePort)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                launcher.Dispose();
                throw new InvalidOperationException("Azurite did not start listening on ports 10001/10002 within 60 s.");
            }
            await Task.Delay(100, cancellationToken);
        }
        return launcher;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task RunToEndAsync(string file, string[] arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
    }
}
