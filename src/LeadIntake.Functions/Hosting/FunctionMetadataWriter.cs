using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Writes the Functions app layout from the function declarations: one folder per function holding its
/// <c>function.json</c>, and the package's <c>host.json</c> (the repo's, with the custom handler pointing at the
/// published executable). Run by <c>infra/package.sh</c> through <c>LeadIntake.Functions generate-function-metadata DIR</c>.
/// </summary>
public static class FunctionMetadataWriter
{
    public const string Verb = "generate-function-metadata";

    /// <summary>
    /// The route the Functions host serves a function under. The host refuses routes that start with <c>admin</c>
    /// (azure-functions-host#1781: they clash with its own /admin API), so those move to <c>ops/</c> in Functions mode;
    /// standalone serves both.
    /// </summary>
    public static string FunctionsRoute(string route) =>
        route.StartsWith("admin/", StringComparison.OrdinalIgnoreCase) ? "ops/" + route["admin/".Length..] : route;

    public static JsonObject FunctionJson(FunctionDeclaration declaration) => declaration.Trigger switch
    {
        HttpTrigger http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = http.AuthLevel.ToString().ToLowerInvariant(),
                    ["methods"] = new JsonArray(http.Methods.Select(m => (JsonNode)m.ToLowerInvariant()).ToArray()),
                    ["route"] = FunctionsRoute(http.Route),
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        QueueTrigger queue => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = CustomHandlerEndpoints.QueueBinding,
                ["queueName"] = queue.QueueName,
                ["connection"] = Storage.StorageAccount.SettingName,
            }),
        },
        TimerTrigger timer => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = CustomHandlerEndpoints.TimerBinding,
                ["schedule"] = timer.Schedule,
                ["runOnStartup"] = timer.RunOnStartup,
            }),
        },
        _ => throw new InvalidOperationException($"Unknown trigger for {declaration.Name}."),
    };

    /// <summary>The package's host.json: the repo's settings, with the custom handler's executable path set.</summary>
    public static JsonObject HostJson(string repoHostJson, string executablePath)
    {
        var host = JsonNode.Parse(repoHostJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        host["customHandler"] = new JsonObject
        {
            ["description"] = new JsonObject
            {
                ["defaultExecutablePath"] = executablePath,
                ["workingDirectory"] = "",
                ["arguments"] = new JsonArray(),
            },
            // HTTP functions get the original request (/api/... path, headers, body) and answer it directly.
            ["enableForwardingHttpRequest"] = true,
        };
        host["extensionBundle"] = new JsonObject
        {
            ["id"] = "Microsoft.Azure.Functions.ExtensionBundle",
            ["version"] = "[4.*, 5.0.0)",
        };
        return host;
    }

    public static void Write(string directory, string repoHostJson, string executablePath)
    {
        Directory.CreateDirectory(directory);
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var declaration in FunctionCatalog.All)
        {
            var folder = Path.Combine(directory, declaration.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), FunctionJson(declaration).ToJsonString(options) + "\n");
        }
        File.WriteAllText(Path.Combine(directory, "host.json"), HostJson(repoHostJson, executablePath).ToJsonString(options) + "\n");
    }
}
