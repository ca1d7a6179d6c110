using System.IO.Compression;
using System.Text.Json.Nodes;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The deployment package (infra/package.sh, built once per run): the <c>dotnet publish</c> output of the isolated
/// worker at the zip root, with the metadata the worker SDK generated. The host reads host.json, worker.config.json,
/// extensions.json (+ .azurefunctions/) and, with worker indexing, asks the worker for its functions.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PackageTests
{
    [Fact]
    public async Task Package_root_holds_the_published_worker_with_the_SDK_metadata_and_no_custom_handler_layout()
    {
        await FunctionsPackage.GetRootAsync();
        using var zip = ZipFile.OpenRead(FunctionsPackage.ZipPath);
        foreach (var name in new[] { "host.json", "LeadIntake.Functions.dll", "functions.metadata", "worker.config.json", "extensions.json", "fr/LeadIntake.Core.resources.dll" })
        {
            Assert.True(zip.GetEntry(name) is not null, $"{name} is missing from the package");
        }
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith(".azurefunctions/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("app/", StringComparison.Ordinal) || e.FullName.EndsWith("function.json", StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith('/') || e.FullName.Contains("..", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packaged_metadata_lists_the_same_functions_as_the_build_and_loads_the_queue_extension()
    {
        var root = await FunctionsPackage.GetRootAsync();
        static IEnumerable<string> Names(string path) =>
            JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(Names(Path.Combine(AppContext.BaseDirectory, "functions.metadata")), Names(Path.Combine(root, "functions.metadata")));

        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "extensions.json")))!["extensions"]!.AsArray();
        var queues = Assert.Single(extensions, e => (string?)e!["name"] == "AzureStorageQueues")!;
        var hint = ((string)queues["hintPath"]!).Replace("./", "", StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, hint)), hint);

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!.AsObject();
        Assert.False(host.ContainsKey("extensionBundle"));
        Assert.Equal(5, (int)host["extensions"]!["queues"]!["maxDequeueCount"]!);
    }
}
