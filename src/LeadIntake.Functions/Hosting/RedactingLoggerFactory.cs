namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The app's <see cref="ILoggerFactory"/>, wrapped so that no credential reaches any log sink (docs/reliability.md,
/// "Secrets in logs"). ASP.NET Core's own request log ("Request starting GET …/accept?t=…") prints the full query
/// string before any middleware runs, so it can't be fixed inside the pipeline; a log filter would lose the request log
/// entirely, and a setting could turn it back on. Here the message and every string value of its state pass through
/// <see cref="SecretRedaction"/> before any provider (console, OpenTelemetry, a test's capture) sees them. Wrapping the
/// factory rather than each provider keeps the providers' names, so per-provider log-level settings still apply.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Replaces the registered logger factory by itself wrapped.</summary>
    public static void Register(IServiceCollection services)
    {
        for (int i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerFactory) || descriptor.IsKeyedService) continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(descriptor switch
            {
                { ImplementationInstance: ILoggerFactory instance } => instance,
                { ImplementationFactory: { } factory } => (ILoggerFactory)factory(sp),
                _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
            }));
        }
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var redacted = SecretRedaction.Redact(message);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            bool valuesClean = values is null || values.All(v => v.Value is not string s || ReferenceEquals(SecretRedaction.Redact(s), s));
            if (ReferenceEquals(redacted, message) && valuesClean)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var cleaned = new RedactedState(redacted, values?.Select(v => v.Value is string s ? new KeyValuePair<string, object?>(v.Key, SecretRedaction.Redact(s)) : v).ToList() ?? []);
            inner.Log(logLevel, eventId, cleaned, exception, static (s, _) => s.Message);
        }
    }

    /// <summary>A log state whose message and values are already redacted (structured sinks read the values, text sinks the message).</summary>
    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
