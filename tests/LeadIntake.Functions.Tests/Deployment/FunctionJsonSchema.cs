using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NCrontab;

namespace LeadIntake.Functions.Tests.Deployment;

/// <summary>
/// The function.json rules the Functions host applies, as documented (docs/functions-host.md, 'function.json' and 'HTTP forwarding'): binding types
/// and directions, required fields per binding, the closed sets of authLevel and methods, six-field NCRONTAB
/// schedules, queue names the storage service accepts, and the host's refusal of routes that start with "admin".
/// Returns every violation, each naming the function and the field, so one failing test shows them all.
/// </summary>
internal static partial class FunctionJsonSchema
{
    private static readonly HashSet<string> Directions = ["in", "out", "inout"];
    private static readonly HashSet<string> AuthLevels = ["anonymous", "function", "admin"];
    private static readonly HashSet<string> Methods = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];
    private static readonly HashSet<string> TriggerTypes = ["httpTrigger", "queueTrigger", "timerTrigger"];
    private static readonly HashSet<string> RootFields = ["bindings", "disabled", "excluded", "scriptFile", "entryPoint", "retry"];

    public static IReadOnlyList<string> Validate(string function, JsonNode? root)
    {
        var errors = new List<string>();
        void Error(string message) => errors.Add($"{function}: {message}");

        if (root is not JsonObject obj)
        {
            Error("function.json is not a JSON object");
            return errors;
        }
        foreach (var (key, _) in obj)
        {
            if (!RootFields.Contains(key)) Error($"unknown top-level field '{key}'");
        }
        if (obj["bindings"] is not JsonArray bindings || bindings.Count == 0)
        {
            Error("'bindings' must be a non-empty array");
            return errors;
        }

        var types = new List<string>();
        for (int i = 0; i < bindings.Count; i++)
        {
            if (bindings[i] is not JsonObject binding)
            {
                Error($"bindings[{i}] is not an object");
                continue;
            }
            var type = Text(binding, "type");
            var direction = Text(binding, "direction");
            var name = Text(binding, "name");
            if (type is null) Error($"bindings[{i}].type is required");
            if (direction is null || !Directions.Contains(direction)) Error($"bindings[{i}].direction must be one of in/out/inout, not '{direction}'");
            if (name is null || !(name == "$return" || BindingName().IsMatch(name))) Error($"bindings[{i}].name '{name}' is not a valid binding name");
            if (type is null) continue;
            types.Add(type);
            var at = $"bindings[{i}] ({type})";

            switch (type)
            {
                case "httpTrigger":
                    if (direction != "in") Error($"{at}.direction must be 'in'");
                    var auth = Text(binding, "authLevel");
                    if (auth is not null && !AuthLevels.Contains(auth)) Error($"{at}.authLevel '{auth}' is not anonymous/function/admin");
                    if (binding["methods"] is JsonArray methods)
                    {
                        if (methods.Count == 0) Error($"{at}.methods is empty");
                        foreach (var m in methods)
                        {
                            var method = m?.GetValueKind() == System.Text.Json.JsonValueKind.String ? m.GetValue<string>() : null;
                            if (method is null || !Methods.Contains(method)) Error($"{at}.methods has '{m}', not one of {string.Join("/", Methods)}");
                        }
                    }
                    else if (binding["methods"] is not null) Error($"{at}.methods must be an array");
                    var route = Text(binding, "route");
                    if (route is not null)
                    {
                        if (route.StartsWith('/')) Error($"{at}.route '{route}' must be relative (no leading '/')");
                        // The host rejects routes whose first segment is "admin" (its own /admin API): docs/functions-host.md, 'function.json'.
                        if (route.StartsWith("admin", StringComparison.OrdinalIgnoreCase)) Error($"{at}.route '{route}' starts with 'admin', which the host reserves");
                    }
                    break;
                case "http":
                    if (direction != "out") Error($"{at}.direction must be 'out'");
                    break;
                case "queueTrigger":
                case "queue":
                    if (type == "queueTrigger" && direction != "in") Error($"{at}.direction must be 'in'");
                    if (type == "queue" && direction != "out") Error($"{at}.direction must be 'out'");
                    var queue = Text(binding, "queueName");
                    if (queue is null || !QueueName().IsMatch(queue) || queue.Contains("--", StringComparison.Ordinal)) Error($"{at}.queueName '{queue}' is not a valid storage queue name");
                    var connection = Text(binding, "connection");
                    if (connection != "AzureWebJobsStorage") Error($"{at}.connection must be 'AzureWebJobsStorage', not '{connection}'");
                    break;
                case "timerTrigger":
                    if (direction != "in") Error($"{at}.direction must be 'in'");
                    var schedule = Text(binding, "schedule");
                    if (schedule is null) Error($"{at}.schedule is required");
                    else if (!IsSixFieldCron(schedule)) Error($"{at}.schedule '{schedule}' is not a six-field NCRONTAB expression (seconds first)");
                    foreach (var flag in new[] { "runOnStartup", "useMonitor" })
                    {
                        if (binding[flag] is { } value && value.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)) Error($"{at}.{flag} must be a boolean");
                    }
                    break;
                default:
                    Error($"{at}: binding type '{type}' is not one this app declares");
                    break;
            }
        }

        if (types.Count(TriggerTypes.Contains) != 1) Error($"must have exactly one trigger binding, has {types.Count(TriggerTypes.Contains)}");
        // Forwarding (enableForwardingHttpRequest) applies only to "HTTP in & out" functions: exactly httpTrigger + http (docs/functions-host.md, 'HTTP forwarding').
        if (types.Contains("httpTrigger") && !(types.Count == 2 && types.Contains("http"))) Error("an HTTP function must have exactly an httpTrigger and an http output, or the host stops forwarding it");
        return errors;
    }

    public static bool IsSixFieldCron(string schedule) =>
        schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 &&
        CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;

    private static string? Text(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex BindingName();

    // 3-63 characters, lowercase letters, digits and single hyphens, starting and ending with a letter or digit.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();
}
