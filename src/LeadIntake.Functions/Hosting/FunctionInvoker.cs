using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Calls a <c>[Function]</c> method in standalone mode, binding its parameters the way the worker does: the trigger
/// parameter gets the trigger value, a <see cref="CancellationToken"/> the invocation's token, and any other parameter
/// the binding data entry of the same name, case-insensitive (route values and query for HTTP; DequeueCount, Id,
/// InsertionTime for a queue message). The class is created from the scope's services, as the worker's activator does.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(
        FunctionEntry entry, IServiceProvider services, object? triggerValue, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        var parameters = entry.Method.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            values[i] = parameter.Position == entry.TriggerParameter.Position ? triggerValue
                : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
                : parameter.ParameterType == typeof(FunctionContext)
                    ? throw new NotSupportedException($"{entry.Declaration.Name}: FunctionContext does not exist in standalone mode; take the trigger value and named binding data instead.")
                : bindingData.TryGetValue(parameter.Name!, out var raw) ? Convert(raw, parameter.ParameterType)
                : parameter.HasDefaultValue ? parameter.DefaultValue
                : throw new InvalidOperationException($"{entry.Declaration.Name}: nothing binds parameter '{parameter.Name}'.");
        }

        var target = entry.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, entry.FunctionType);
        // DoNotWrapExceptions: a function's exception reaches the runtime as itself (retry, poison, problem+json).
        var result = entry.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, values, CultureInfo.InvariantCulture);
        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                var property = task.GetType().GetProperty(nameof(Task<object>.Result));
                return property is not null && entry.Method.ReturnType.IsGenericType ? property.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                return result;
        }
    }

    private static object? Convert(object? raw, Type type)
    {
        if (raw is null || type.IsInstanceOfType(raw)) return raw;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return System.Convert.ChangeType(raw.ToString(), target, CultureInfo.InvariantCulture);
    }
}
