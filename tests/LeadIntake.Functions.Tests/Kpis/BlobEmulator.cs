using System.Diagnostics;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests.Kpis;

/// <summary>Azurite's blob service (the repo-pinned npm package) on a free loopback port, in memory, for one test.</summary>
internal sealed class BlobEmulator : IAsyncDisposable
{
    private readonly Process _process;

    private BlobEmulator(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={DevelopmentStorage.AccountName};AccountKey={DevelopmentStorage.AccountKey};" +
                           $"BlobEndpoint=http://127.0.0.1:{port}/{DevelopmentStorage.AccountName};";
    }

    public string ConnectionString { get; }

    public static async Task<BlobEmulator> StartAsync()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Tests must run inside the repository.");
        int port = DevServices.FreePort();
        var info = new ProcessStartInfo("node") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(root, "node_modules", "azurite", "dist", "src", "blob", "main.js"), "--skipApiVersionCheck", "--disableTelemetry",
                     "--loose", "--silent", "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", $"{port}" })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite's blob service.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await DevServices.WaitForPortAsync(port, process);
        return new BlobEmulator(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
