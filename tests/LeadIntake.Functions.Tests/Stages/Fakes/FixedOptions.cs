using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>Settings that never change, for handlers that read <see cref="IOptionsMonitor{TOptions}"/>.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
