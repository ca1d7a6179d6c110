using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// A storage pipeline policy that, while <see cref="Failing"/>, fails every write to one table with a 503 before it
/// leaves the process (the table service unreachable for writes); reads pass. Counts the writes it failed.
/// </summary>
public sealed class FaultyTableWrites(string table) : HttpPipelinePolicy
{
    public volatile bool Failing;
    private int _failed;

    public int Failed => Volatile.Read(ref _failed);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Fail(HttpMessage message)
    {
        if (!Failing || message.Request.Method == RequestMethod.Get) return;
        var path = message.Request.Uri.Path;
        int slash = path.LastIndexOf('/');
        var resource = path[(slash + 1)..];
        if (!resource.StartsWith(table, StringComparison.Ordinal) || (resource.Length > table.Length && resource[table.Length] != '(')) return;
        Interlocked.Increment(ref _failed);
        throw new RequestFailedException(503, $"The {table} table refuses writes (test fault).");
    }
}
