using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The function list exists three times: the worker SDK's source-generated metadata provider (what the host reads with
/// worker indexing), the <c>functions.metadata</c> file the SDK writes next to the app, and what standalone mode serves
/// (read from the same attributes). All three must list every function with the same bindings.
/// </summary>
public sealed class FunctionMetadataTests
{
    /// <summary>Every function: name, trigger type, route / queue / schedule, methods, auth level.</summary>
    private static readonly string[] Expected =
    [
        "ConfirmSpamLead httpTrigger leads/{id}/confirm-spam post Admin",
        "ConsoleLeadAction httpTrigger console/leads/{id}/{action} get,post Anonymous",
        "ConsoleLeadList httpTrigger console/leads get Anonymous",
        "ConsoleLeadPage httpTrigger console/leads/{id} get Anonymous",
        "ConsoleQuarantine httpTrigger console/quarantine get,post Anonymous",
        "ConsoleSignIn httpTrigger console/sign-in get,post Anonymous",
        "ConsoleSignOut httpTrigger console/sign-out post Anonymous",
        "ConsoleSpend httpTrigger console/kpis/spend get,post Anonymous",
        "ConsoleToday httpTrigger console get Anonymous",
        "ConsoleVisitors httpTrigger console/kpis/visitors get,post Anonymous",
        "DeactivateSalesRep httpTrigger sales/reps/{email}/deactivate post Admin",
        "DigestLeadsToReview timerTrigger 0 */5 * * * *",
        "DispatchLead queueTrigger leads-dispatch",
        "ExportKpiParquet httpTrigger kpis/export/parquet post Admin",
        "ExportKpis httpTrigger kpis/export get Anonymous",
        "ExportLeads httpTrigger leads/export/{format} get Anonymous",
        "ExportPersonalData httpTrigger privacy/access post Admin",
        "ExportScreeningFeedback httpTrigger screening/feedback get Admin",
        "GetErasureRequest httpTrigger privacy/erasure/{requestId} get Admin",
        "GetKpis httpTrigger kpis get Anonymous",
        "GetLead httpTrigger leads/{id} get Admin",
        "GetPrivacyLog httpTrigger privacy/log get Admin",
        "GetProcessingRecord httpTrigger privacy/record get Admin",
        "Health httpTrigger health get Anonymous",
        "IntakeCall httpTrigger intake/call/{provider} post Anonymous",
        "IntakeEmail httpTrigger intake/email/{provider} post Anonymous",
        "IntakeForm httpTrigger intake/form post Anonymous",
        "IntakeSocial httpTrigger intake/social/{provider} post Anonymous",
        "KpiPage httpTrigger console/kpis get Anonymous",
        "ListLeads httpTrigger leads get Anonymous",
        "ListSalesReps httpTrigger sales/reps get Admin",
        "ListSalesTeams httpTrigger sales/teams get Admin",
        "MailboxLeadAction httpTrigger mailbox/leads/{id}/{action} get,post Anonymous",
        "ManagerLeadAction httpTrigger manager/leads/{id}/{action} get,post Anonymous",
        "OpenApiDocument httpTrigger openapi.json get Anonymous",
        "ProcessErasureRequest queueTrigger privacy-erasure",
        "PurgeExpiredLeads timerTrigger %Privacy:Retention:Schedule%",
        "PutKpiSpend httpTrigger kpis/spend put,post Admin",
        "PutKpiVisitors httpTrigger kpis/visitors/{month} put Admin",
        "RecomputeKpiMonth httpTrigger kpis/recompute post Admin",
        "RecomputeKpis timerTrigger 0 30 2 * * *",
        "RecycleStaleLeads timerTrigger 0 0 3 * * *",
        "ReleaseLead httpTrigger leads/{id}/release post Admin",
        "RepLeadAction httpTrigger rep/leads/{id}/{action} get,post Anonymous",
        "RepLeadPage httpTrigger rep/leads/{id} get Anonymous",
        "ReplayPoison httpTrigger ops/poison/{queue}/replay post Admin",
        "RequestErasure httpTrigger privacy/erasure post Admin",
        "RetentionDryRun httpTrigger privacy/retention/dry-run post Admin",
        "ScreenLead queueTrigger leads-captured",
        "SeedSalesDirectory httpTrigger sales/directory/seed post Admin",
        "SweepCapturedLeads timerTrigger 0 * * * * *",
        "UpsertAssignmentRules httpTrigger sales/rules put Admin",
        "UpsertSalesRep httpTrigger sales/reps post Admin",
        "UpsertSalesTeam httpTrigger sales/teams post Admin",
        "VerifyMetaWebhook httpTrigger intake/social/{provider} get Anonymous",
        "WatchLeadSla timerTrigger */30 * * * * *",
    ];

    [Fact]
    public async Task Generated_metadata_provider_lists_every_function_with_the_expected_bindings()
    {
        var functions = await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);
        var described = functions.Select(f => Describe(f.Name!, f.RawBindings!.Select(b => JsonNode.Parse(b)!.AsObject()))).Order(StringComparer.Ordinal);
        Assert.Equal(Expected, described);
    }

    [Fact]
    public void Functions_metadata_file_lists_every_function_with_the_expected_bindings()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();
        var described = file.Select(f => Describe((string)f!["name"]!, f["bindings"]!.AsArray().Select(b => b!.AsObject()))).Order(StringComparer.Ordinal);
        Assert.Equal(Expected, described);
        Assert.All(file, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
    }

    [Fact]
    public void Standalone_mode_serves_what_the_generated_metadata_declares()
    {
        var described = FunctionCatalog.All.Select(e => e.Declaration.Trigger switch
        {
            HttpFunctionTrigger http => $"{e.Declaration.Name} httpTrigger {http.Route} {string.Join(',', http.Methods)} {http.AuthLevel}",
            QueueFunctionTrigger queue => $"{e.Declaration.Name} queueTrigger {queue.QueueName}",
            TimerFunctionTrigger timer => $"{e.Declaration.Name} timerTrigger {timer.Schedule}",
            _ => throw new InvalidOperationException(e.Declaration.Name),
        }).Order(StringComparer.Ordinal);
        Assert.Equal(Expected, described);
    }

    [Fact]
    public void Queue_triggers_read_the_AzureWebJobsStorage_connection_as_strings()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();
        var queueBindings = file.SelectMany(f => f!["bindings"]!.AsArray()).Where(b => (string?)b!["type"] == "queueTrigger").ToList();
        Assert.Equal(3, queueBindings.Count);
        Assert.All(queueBindings, b =>
        {
            Assert.Equal("AzureWebJobsStorage", (string?)b!["connection"]);
            Assert.Equal("String", (string?)b["dataType"]);
        });
    }

    [Fact]
    public void No_route_starts_with_admin_because_the_host_refuses_it()
    {
        Assert.DoesNotContain(Expected, e => e.Contains(" admin/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["ops/poison/{queue}/replay", "admin/poison/{queue}/replay"], EndpointMapping.StandaloneRoutes("ops/poison/{queue}/replay"));
    }

    [Fact]
    public void Host_json_has_neither_an_extension_bundle_nor_a_custom_handler()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, "host.json")))!.AsObject();
        Assert.False(host.ContainsKey("extensionBundle"));
        Assert.False(host.ContainsKey("customHandler"));
        Assert.Equal("api", (string?)host["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void Worker_config_names_the_app_assembly_for_dotnet_isolated()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", (string?)config["language"]);
        Assert.Equal("LeadIntake.Functions.dll", (string?)config["defaultWorkerPath"]);
    }

    [Fact]
    public void The_project_still_empties_the_SDK_targets_that_would_turn_dotnet_run_into_func_start()
    {
        // If a new Worker.Sdk renames these targets, `dotnet run` (README) would try to start Core Tools again.
        var project = File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, "src", "LeadIntake.Functions", "LeadIntake.Functions.csproj"));
        var sdkTargets = Directory.EnumerateFiles(
                Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "microsoft.azure.functions.worker.sdk"),
                "Microsoft.Azure.Functions.Worker.Sdk.targets", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .ToList();
        Assert.NotEmpty(sdkTargets);
        foreach (var target in new[] { "_FunctionsCheckForCoreTools", "_FunctionsComputeRunArguments", "_FunctionsComputeRunArgumentsWhenFuncNotExists" })
        {
            Assert.Contains($"<Target Name=\"{target}\" />", project, StringComparison.Ordinal);
            Assert.Contains(sdkTargets, t => t.Contains($"Name=\"{target}\"", StringComparison.Ordinal));
        }
    }

    private static string Describe(string name, IEnumerable<JsonObject> bindings)
    {
        var trigger = bindings.Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal) && (string?)b["direction"] == "In");
        var type = (string)trigger["type"]!;
        return type switch
        {
            "httpTrigger" => $"{name} {type} {(string)trigger["route"]!} {string.Join(',', trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()))} {Level(trigger["authLevel"]!)}",
            "queueTrigger" => $"{name} {type} {(string)trigger["queueName"]!}",
            "timerTrigger" => $"{name} {type} {(string)trigger["schedule"]!}",
            _ => $"{name} {type}",
        };
    }

    // The file writes the level's name; the generated provider may write its number.
    private static string Level(JsonNode level) => level.GetValueKind() == JsonValueKind.Number
        ? ((Microsoft.Azure.Functions.Worker.AuthorizationLevel)(int)level).ToString()
        : (string)level!;
}
