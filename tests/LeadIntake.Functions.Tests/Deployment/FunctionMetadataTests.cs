using System.Text.Json.Nodes;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Deployment;

namespace LeadIntake.Functions.Tests;

/// <summary>The generated function.json folders and host.json, checked against the documented schema and the declarations.</summary>
public sealed class FunctionMetadataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "leadintake-metadata-" + Guid.NewGuid().ToString("N"));

    public FunctionMetadataTests()
    {
        var repoHostJson = File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, "host.json"));
        FunctionMetadataWriter.Write(_root, repoHostJson, executablePath: FunctionAppLayout.ExecutablePath);
    }

    [Fact]
    public void Generated_app_root_matches_the_schema_and_the_declarations()
    {
        Assert.Empty(FunctionAppLayout.Check(_root));
    }

    [Fact]
    public void Every_declared_function_gets_a_folder_and_no_route_starts_with_admin()
    {
        foreach (var declaration in FunctionCatalog.All)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, declaration.Name, "function.json")))!;
            var route = json["bindings"]![0]!["route"]?.GetValue<string>();
            Assert.False(route?.StartsWith("admin", StringComparison.OrdinalIgnoreCase) ?? false, $"{declaration.Name}: {route}");
        }
        var replay = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "ReplayPoison", "function.json")))!;
        Assert.Equal("ops/poison/{queue}/replay", replay["bindings"]![0]!["route"]!.GetValue<string>());
        Assert.Equal("admin", replay["bindings"]![0]!["authLevel"]!.GetValue<string>());
    }

    [Fact]
    public void Queue_triggers_read_the_AzureWebJobsStorage_connection_and_timers_have_six_cron_fields()
    {
        foreach (var entry in FunctionCatalog.Queues)
        {
            var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, entry.Declaration.Name, "function.json")))!["bindings"]![0]!;
            Assert.Equal("queueTrigger", binding["type"]!.GetValue<string>());
            Assert.Equal("AzureWebJobsStorage", binding["connection"]!.GetValue<string>());
        }
        foreach (var entry in FunctionCatalog.Timers)
        {
            var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, entry.Declaration.Name, "function.json")))!["bindings"]![0]!;
            Assert.True(FunctionJsonSchema.IsSixFieldCron(binding["schedule"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Host_json_runs_the_published_executable_with_forwarding_and_the_v4_bundle()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "host.json")))!;
        Assert.Equal("app/LeadIntake.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
        // The repo's queue settings travel with the package: the host applies them to the triggers.
        Assert.Equal(5, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("0 * * * * *", true)]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("*/5 * * * *", false)] // five fields: the host wants seconds first
    [InlineData("0 * * * * * *", false)]
    [InlineData("60 * * * * *", false)]
    public void Schedule_check_accepts_only_six_field_ncrontab(string schedule, bool valid)
    {
        Assert.Equal(valid, FunctionJsonSchema.IsSixFieldCron(schedule));
    }

    [Fact]
    public void Schema_check_catches_what_the_host_would_refuse()
    {
        var bad = JsonNode.Parse("""
            { "bindings": [
              { "type": "httpTrigger", "direction": "out", "name": "req", "authLevel": "system", "methods": ["fetch"], "route": "admin/x" },
              { "type": "http", "direction": "out", "name": "res" },
              { "type": "queue", "direction": "out", "name": "q", "queueName": "Leads_Captured" } ] }
            """);
        var errors = FunctionJsonSchema.Validate("Bad", bad);
        Assert.Contains(errors, e => e.Contains(".direction must be 'in'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("authLevel 'system'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'fetch'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("starts with 'admin'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("queueName 'Leads_Captured'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("connection must be 'AzureWebJobsStorage'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("HTTP function must have exactly", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // temp folder
        }
    }
}
