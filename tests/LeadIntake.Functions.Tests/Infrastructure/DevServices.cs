using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real services the integration tests talk to, started once per test run on free loopback ports:
/// Azurite (in-memory, with one storage account per test for isolation) and maildev (real SMTP + its HTTP API).
/// Both are the repo-pinned npm packages; stopped when the test process exits.
/// </summary>
public static class DevServices
{
    public const int AccountCount = 400;
    private static readonly Lazy<Task<Services>> Started = new(StartAsync);
    private static int _nextAccount;

    public static Task<Services> GetAsync() => Started.Value;

    /// <summary>A storage account no other test uses: tables and queues start empty.</summary>
    public static async Task<string> NewStorageConnectionStringAsync()
    {
        var services = await GetAsync();
        int n = Interlocked.Increment(ref _nextAccount);
        if (n > AccountCount) throw new InvalidOperationException($"More than {AccountCount} storage accounts requested; raise DevServices.AccountCount.");
        var account = $"test{n}";
        return $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey(n)};" +
               $"QueueEndpoint=http://127.0.0.1:{services.QueuePort}/{account};TableEndpoint=http://127.0.0.1:{services.TablePort}/{account};";
    }

    private static string AccountKey(int n) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"leadintake-test-account-key-{n:D3}-0000000000"));

    private static async Task<Services> StartAsync()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Tests must run inside the repository (package.json not found).");
        if (!File.Exists(Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js")) ||
            !File.Exists(Path.Combine(root, "node_modules", "maildev", "dist", "bin", "maildev.js")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root);
        }

        int queue = FreePort(), table = FreePort();
        var accounts = new Dictionary<string, string>
        {
            ["AZURITE_ACCOUNTS"] = string.Join(";", Enumerable.Range(1, AccountCount).Select(n => $"test{n}:{AccountKey(n)}")),
        };
        // Queue and table emulators in separate Node processes: in one process, the queue service's periodic
        // clean-up stalls table requests too (seconds under load: docs/benchmarks.md). Access logs off (--silent).
        string[] common = ["--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent"];
        // The queue emulator keeps its data in a throw-away folder rather than in memory: its in-memory store makes
        // one extent per message, and its minute-by-minute extent GC then stalls every request for seconds.
        var queueData = Directory.CreateTempSubdirectory("leadintake-azurite-queue-").FullName;
        var queues = Start(root, "node", new Dictionary<string, string>(accounts) { ["CLEANUP_DIR"] = queueData }, [Path.Combine(root, "node_modules", "azurite", "dist", "src", "queue", "main.js"),
            .. common, "--location", queueData, "--queueHost", "127.0.0.1", "--queuePort", $"{queue}"]);
        var tables = Start(root, "node", accounts, [Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js"),
            .. common, "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", $"{table}"]);

        int smtp = FreePort(), web = FreePort();
        var maildev = Start(root, "node", new Dictionary<string, string>(),
            Path.Combine(root, "node_modules", "maildev", "dist", "bin", "maildev.js"),
            "--smtp", $"{smtp}", "--web", $"{web}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent");

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Stop(queues);
            Stop(tables);
            Stop(maildev);
            try
            {
                Directory.Delete(queueData, recursive: true);
            }
            catch (IOException)
            {
                // best effort: it is under the temp folder
            }
        };
        await WaitForPortAsync(queue, queues);
        await WaitForPortAsync(table, tables);
        await WaitForPortAsync(smtp, maildev);
        await WaitForPortAsync(web, maildev);
        return new Services(queue, table, smtp, web);
    }

    private static Process Start(string root, string file, Dictionary<string, string> environment, params string[] arguments)
    {
        // The test host is often killed rather than exited, so ProcessExit can't be relied on to stop the services:
        // a small bash watchdog ends the service as soon as this test process is gone.
        var info = new ProcessStartInfo("bash") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$@\" & child=$!; while kill -0 \"$WATCH_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child; if [ -n \"$CLEANUP_DIR\" ]; then rm -rf \"$CLEANUP_DIR\"; fi");
        info.ArgumentList.Add("service");
        info.ArgumentList.Add(file);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["WATCH_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // gone
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitForPortAsync(int port, Process owner)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (owner.HasExited) throw new InvalidOperationException($"{owner.StartInfo.ArgumentList[3]} exited with code {owner.ExitCode} before listening on {port}.");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Nothing listened on port {port} within 60 s.");
    }

    private static async Task RunAsync(string file, string[] arguments, string directory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}).");
    }

    public sealed record Services(int QueuePort, int TablePort, int SmtpPort, int MailWebPort);
}
