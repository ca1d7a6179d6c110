using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Counts storage transactions (every HTTP attempt: the service bills retries too) by service and operation. Added to
/// every storage client of the app through <c>ClientOptionsConfigurer.AddPolicy</c> at <see cref="HttpPipelinePosition.PerRetry"/>,
/// where the response body is already buffered, so a queue receive that returned no message can be told apart: that is
/// idle polling, not per-lead work.
/// </summary>
internal sealed class LoadTransactionCounter(int tablePort, int queuePort) : HttpPipelinePolicy
{
    public const string EmptyReceive = "queue receive (empty)";
    private static readonly byte[] MessageIdTag = "<MessageId>"u8.ToArray();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Count(message);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Count(message);
        }
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    private void Count(HttpMessage message) => _counts.AddOrUpdate(Classify(message), 1, (_, n) => n + 1);

    private string Classify(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var method = request.Method.Method;
        var path = uri.AbsolutePath;
        var query = uri.Query;
        if (uri.Port == queuePort)
        {
            bool messages = path.EndsWith("/messages", StringComparison.Ordinal);
            bool withReceipt = query.Contains("popreceipt=", StringComparison.OrdinalIgnoreCase);
            return method switch
            {
                "GET" when messages && query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue peek",
                "GET" when messages => HasMessages(message) ? "queue receive" : EmptyReceive,
                "POST" when messages => "queue send",
                "DELETE" when withReceipt => "queue delete message",
                "PUT" when withReceipt => "queue update message",
                "GET" when query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) => "queue metadata",
                _ => $"queue {method}",
            };
        }
        if (uri.Port == tablePort)
        {
            return method switch
            {
                "POST" when path.EndsWith("/$batch", StringComparison.Ordinal) => "table batch",
                "GET" when path.EndsWith(')') && path.Contains("PartitionKey=", StringComparison.Ordinal) => "table point read",
                "GET" => "table query",
                "POST" => "table insert",
                "PUT" => "table replace",
                "PATCH" or "MERGE" => "table merge",
                "DELETE" => "table delete",
                _ => $"table {method}",
            };
        }
        return $"other {method}";
    }

    private static bool HasMessages(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Status != 200) return false;
        // Buffered by the pipeline (the response body policy runs after the per-retry policies).
        return message.Response.ContentStream is MemoryStream buffer && buffer.TryGetBuffer(out var bytes)
            && bytes.AsSpan().IndexOf(MessageIdTag) >= 0;
    }
}
