using System.Text.Json.Nodes;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Tests.Deployment;

/// <summary>
/// Checks a Functions app root (a folder written by the metadata generator, or an unzipped package) against the
/// documented schema and against <see cref="FunctionCatalog"/>: one folder per declaration and nothing else, with
/// the declared route, methods, auth level, queue or schedule; host.json with the custom handler and the bundle.
/// </summary>
internal static class FunctionAppLayout
{
    public const string ExecutablePath = "app/LeadIntake.Functions";

    public static IReadOnlyList<string> Check(string root)
    {
        var errors = new List<string>();
        var folders = Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        var declared = FunctionCatalog.All.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        if (!folders.SequenceEqual(declared)) errors.Add($"function folders [{string.Join(", ", folders)}] differ from the declarations [{string.Join(", ", declared)}]");

        foreach (var declaration in FunctionCatalog.All)
        {
            var path = Path.Combine(root, declaration.Name, "function.json");
            if (!File.Exists(path)) continue;
            var json = JsonNode.Parse(File.ReadAllText(path));
            errors.AddRange(FunctionJsonSchema.Validate(declaration.Name, json));
            errors.AddRange(MatchesDeclaration(declaration, json));
        }

        errors.AddRange(CheckHostJson(Path.Combine(root, "host.json")));
        return errors;
    }

    private static IEnumerable<string> MatchesDeclaration(FunctionDeclaration declaration, JsonNode? json)
    {
        var trigger = json?["bindings"]?.AsArray().FirstOrDefault(b => b?["type"]?.GetValue<string>()?.EndsWith("Trigger", StringComparison.Ordinal) == true);
        if (trigger is null)
        {
            yield return $"{declaration.Name}: no trigger binding";
            yield break;
        }
        string? Field(string name) => trigger[name] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
        switch (declaration.Trigger)
        {
            case HttpTrigger http:
                if (Field("type") != "httpTrigger") yield return $"{declaration.Name}: declared HTTP, function.json has {Field("type")}";
                // Functions mode serves admin/… under ops/… (the host reserves admin); every other route is unchanged.
                var expectedRoute = http.Route.StartsWith("admin/", StringComparison.Ordinal) ? "ops/" + http.Route["admin/".Length..] : http.Route;
                if (Field("route") != expectedRoute) yield return $"{declaration.Name}: route '{Field("route")}', declared '{expectedRoute}'";
                if (Field("authLevel") != http.AuthLevel.ToString().ToLowerInvariant()) yield return $"{declaration.Name}: authLevel '{Field("authLevel")}', declared {http.AuthLevel}";
                var methods = trigger["methods"]?.AsArray().Select(m => m?.GetValue<string>()).Order().ToList() ?? [];
                var declaredMethods = http.Methods.Select(m => m.ToLowerInvariant()).Order().ToList();
                if (!methods.SequenceEqual(declaredMethods)) yield return $"{declaration.Name}: methods [{string.Join(",", methods)}], declared [{string.Join(",", declaredMethods)}]";
                break;
            case QueueTrigger queue:
                if (Field("type") != "queueTrigger") yield return $"{declaration.Name}: declared queue, function.json has {Field("type")}";
                if (Field("queueName") != queue.QueueName) yield return $"{declaration.Name}: queueName '{Field("queueName")}', declared '{queue.QueueName}'";
                // The custom handler reads Data.<binding name>: the names must agree.
                if (Field("name") != CustomHandlerEndpoints.QueueBinding) yield return $"{declaration.Name}: binding name '{Field("name")}', the handler reads '{CustomHandlerEndpoints.QueueBinding}'";
                break;
            case TimerTrigger timer:
                if (Field("type") != "timerTrigger") yield return $"{declaration.Name}: declared timer, function.json has {Field("type")}";
                if (Field("schedule") != timer.Schedule) yield return $"{declaration.Name}: schedule '{Field("schedule")}', declared '{timer.Schedule}'";
                if (Field("name") != CustomHandlerEndpoints.TimerBinding) yield return $"{declaration.Name}: binding name '{Field("name")}', the handler reads '{CustomHandlerEndpoints.TimerBinding}'";
                break;
        }
    }

    private static IEnumerable<string> CheckHostJson(string path)
    {
        if (!File.Exists(path))
        {
            yield return "host.json is missing at the app root";
            yield break;
        }
        var host = JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        if (host?["version"]?.GetValue<string>() != "2.0") yield return "host.json: version must be \"2.0\"";
        var handler = host?["customHandler"];
        if (handler?["description"]?["defaultExecutablePath"]?.GetValue<string>() != ExecutablePath) yield return $"host.json: customHandler.description.defaultExecutablePath must be '{ExecutablePath}'";
        if (handler?["enableForwardingHttpRequest"]?.GetValue<bool>() != true) yield return "host.json: customHandler.enableForwardingHttpRequest must be true";
        if (host?["extensionBundle"]?["id"]?.GetValue<string>() != "Microsoft.Azure.Functions.ExtensionBundle") yield return "host.json: extensionBundle.id must be Microsoft.Azure.Functions.ExtensionBundle";
        if (host?["extensionBundle"]?["version"]?.GetValue<string>() != "[4.*, 5.0.0)") yield return "host.json: extensionBundle.version must be [4.*, 5.0.0)";
        if (host?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() is { } prefix && prefix != "api") yield return $"host.json: routePrefix '{prefix}', the app serves /api";
    }
}
