using System.Reflection;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>
/// An EventId names one log line: operators filter and alert on it (docs/conventions.md, "Logging"). Two methods with
/// the same id make such a filter count the wrong thing, and nothing else catches it: the source generator checks
/// uniqueness only within one class.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Assemblies = [typeof(LeadLifecycle).Assembly, typeof(LeadIntakeApp).Assembly];

    [Fact]
    public void Every_logger_message_in_core_and_functions_has_an_event_id_of_its_own()
    {
        var messages = LoggerMessages().ToList();
        Assert.True(messages.Count > 50, $"only {messages.Count} [LoggerMessage] methods found: the scan is broken");

        var duplicates = messages
            .GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(duplicates.Count == 0, "EventIds used more than once:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Every_logger_message_declares_an_event_id()
    {
        var unnumbered = LoggerMessages().Where(m => m.EventId <= 0).Select(m => m.Method).ToList();
        Assert.True(unnumbered.Count == 0, "[LoggerMessage] without an EventId: " + string.Join(", ", unnumbered));
    }

    private static IEnumerable<(int EventId, string Method)> LoggerMessages() =>
        from assembly in Assemblies
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (attribute.EventId, $"{type.FullName}.{method.Name}");
}
