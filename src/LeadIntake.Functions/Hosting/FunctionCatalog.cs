using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Every function of the app, read by reflection from the <c>[Function]</c> methods and their trigger attributes: the
/// same attributes the worker SDK turns into <c>functions.metadata</c>. Standalone routing, the standalone queue runtime
/// and timers, and the OpenAPI document enumerate this list; there is no second list of routes, queues or schedules.
/// </summary>
internal static class FunctionCatalog
{
    private static readonly Lazy<IReadOnlyList<FunctionEntry>> Entries = new(() => Read(typeof(FunctionCatalog).Assembly));

    public static IReadOnlyList<FunctionEntry> All => Entries.Value;

    public static IReadOnlyList<FunctionEntry> Http { get; } = [.. All.Where(e => e.Declaration.Trigger is HttpFunctionTrigger)];

    public static IReadOnlyList<FunctionEntry> Queues { get; } = [.. All.Where(e => e.Declaration.Trigger is QueueFunctionTrigger)];

    public static IReadOnlyList<FunctionEntry> Timers { get; } = [.. All.Where(e => e.Declaration.Trigger is TimerFunctionTrigger)];

    /// <summary>The queues whose messages trigger a function (poison replay accepts only these).</summary>
    public static IEnumerable<string> TriggerQueueNames => Queues.Select(q => ((QueueFunctionTrigger)q.Declaration.Trigger).QueueName);

    /// <summary>
    /// Reads the functions of an assembly. A <c>[Function]</c> method must be public (the SDK's generated metadata
    /// provider skips other methods, so the host would never see it) and have exactly one trigger parameter.
    /// </summary>
    public static IReadOnlyList<FunctionEntry> Read(Assembly assembly)
    {
        var entries = new List<FunctionEntry>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
                if (!method.IsPublic) throw new InvalidOperationException($"{function.Name}: a [Function] method must be public.");
                var triggers = method.GetParameters()
                    .Select(p => (Parameter: p, Trigger: TriggerOf(p)))
                    .Where(x => x.Trigger is not null)
                    .ToList();
                if (triggers.Count != 1) throw new InvalidOperationException($"{function.Name}: a [Function] method needs exactly one trigger parameter.");
                entries.Add(new FunctionEntry(new FunctionDeclaration(function.Name, triggers[0].Trigger!), method, triggers[0].Parameter));
            }
        }
        var duplicate = entries.GroupBy(e => e.Declaration.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
        return [.. entries.OrderBy(e => e.Declaration.Name, StringComparer.Ordinal)];
    }

    private static FunctionTrigger? TriggerOf(ParameterInfo parameter)
    {
        foreach (var attribute in parameter.GetCustomAttributes())
        {
            switch (attribute)
            {
                case HttpTriggerAttribute http:
                    if (string.IsNullOrEmpty(http.Route) || http.Methods is not { Length: > 0 })
                        throw new InvalidOperationException($"{parameter.Member.Name}: an HTTP trigger names its route and methods.");
                    return new HttpFunctionTrigger(http.Route, [.. http.Methods.Select(m => m.ToLowerInvariant())], LevelOf(http.AuthLevel));
                case QueueTriggerAttribute queue:
                    return new QueueFunctionTrigger(queue.QueueName);
                case TimerTriggerAttribute timer:
                    return new TimerFunctionTrigger(timer.Schedule, timer.RunOnStartup);
            }
        }
        return null;
    }

    // User and System are levels of App Service authentication and the host's own keys: this app uses neither.
    private static AuthLevel LevelOf(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => AuthLevel.Anonymous,
        AuthorizationLevel.Function => AuthLevel.Function,
        AuthorizationLevel.Admin => AuthLevel.Admin,
        _ => throw new InvalidOperationException($"Authorization level {level} is not used by LeadIntake."),
    };
}

/// <summary>One function: what triggers it, and the method that runs it.</summary>
internal sealed record FunctionEntry(FunctionDeclaration Declaration, MethodInfo Method, ParameterInfo TriggerParameter)
{
    public Type FunctionType => Method.DeclaringType!;
}
