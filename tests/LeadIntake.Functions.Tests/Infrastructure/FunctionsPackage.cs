using System.Diagnostics;
using System.IO.Compression;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The deployment package, built once per test run by <c>bash infra/package.sh</c> (a Release self-contained publish:
/// about a minute) and unzipped once to a temp folder, as the Functions host would see it. Extraction uses
/// System.IO.Compression, not unzip (not on every machine), and restores each entry's Unix mode from the zip, so the
/// test also proves the executable bit survives the zip.
/// </summary>
public static class FunctionsPackage
{
    private static readonly Lazy<Task<string>> Extracted = new(BuildAndExtractAsync);

    /// <summary>The unzipped package root (the publish output: host.json, the worker, functions.metadata, .azurefunctions/).</summary>
    public static Task<string> GetRootAsync() => Extracted.Value;

    public static string ZipPath => Path.Combine(RepositoryRoot.Find()!, "artifacts", "leadintake-functions.zip");

    private static async Task<string> BuildAndExtractAsync()
    {
        var repo = RepositoryRoot.Find() ?? throw new InvalidOperationException("Tests must run inside the repository.");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = repo, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine("infra", "package.sh"));
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/package.sh failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        var root = Path.Combine(Path.GetTempPath(), "leadintake-package-" + Guid.NewGuid().ToString("N"));
        Extract(ZipPath, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a process may still hold a file; the temp folder is cleaned by the OS
            }
        };
        return root;
    }

    public static void Extract(string zip, string root)
    {
        Directory.CreateDirectory(root);
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        using var archive = ZipFile.OpenRead(zip);
        foreach (var entry in archive.Entries)
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(fullRoot, StringComparison.Ordinal)) throw new InvalidDataException($"Zip entry {entry.FullName} points outside the package.");
            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            // The high 16 bits of a Unix-made entry's external attributes are its st_mode.
            var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
            if (mode != UnixFileMode.None && !OperatingSystem.IsWindows()) File.SetUnixFileMode(target, mode);
        }
    }
}
