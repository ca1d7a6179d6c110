using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// One place that shapes every storage client's pipeline: retry policy, and extra policies such as the benchmark's
/// transaction counter (added through <see cref="AddPolicy"/>).
/// </summary>
internal class ClientOptionsConfigurer
{
    private readonly List<(HttpPipelinePolicy Policy, HttpPipelinePosition Position)> _policies = [];

    public ClientOptionsConfigurer AddPolicy(HttpPipelinePolicy policy, HttpPipelinePosition position = HttpPipelinePosition.PerCall)
    {
        _policies.Add((policy, position));
        return this;
    }

    public T Configure<T>(T options) where T : ClientOptions
    {
        // Fail fast enough for a webhook caller waiting on the response; the queue runtime retries the rest.
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        foreach (var (policy, position) in _policies) options.AddPolicy(policy, position);
        return options;
    }
}
