using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Counts storage transactions (every HTTP attempt: the service bills retries too) by service and operation. Added to
/// every storage client of the app through <c>ClientOptionsConfigurer.AddPolicy</c> at <see cref="HttpPipelinePosition.PerRetry"/>,
/// where the response body is already buffered, so a queue receive that returned no message can be told apart: that is
/// idle polling, not per-lead work. While a measurement window is open (<see cref="StartLatencyWindow"/>) it also keeps
/// each attempt's latency by operation and table or queue (request sent → response buffered), so a run shows which
/// call is slow under load, not only how many there are.
/// </summary>
internal sealed class LoadTransactionCounter(int tablePort, int queuePort) : HttpPipelinePolicy
{
    public const string EmptyReceive = "queue receive (empty)";
    private static readonly byte[] MessageIdTag = "<MessageId>"u8.ToArray();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new(StringComparer.Ordinal);
    private volatile bool _timing;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Count(message, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Count(message, started);
        }
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Forgets the latencies kept so far and keeps those of the attempts from now on (the measured part of a run).</summary>
    public void StartLatencyWindow()
    {
        _latencies.Clear();
        _timing = true;
    }

    /// <summary>Closes the window: per operation and table or queue, the attempts and their latency p50 / p99 / max in ms.</summary>
    public IReadOnlyList<LoadOperationLatency> StopLatencyWindow()
    {
        _timing = false;
        return [.. _latencies
            .Select(p =>
            {
                var sorted = p.Value.Order().ToList();
                return new LoadOperationLatency(p.Key, sorted.Count, LoadReport.Percentile(sorted, 0.50), LoadReport.Percentile(sorted, 0.99), sorted.Count > 0 ? sorted[^1] : double.NaN);
            })
            .OrderByDescending(l => l.Count)];
    }

    private void Count(HttpMessage message, long started)
    {
        var (operation, target) = Classify(message);
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (_timing)
        {
            _latencies.GetOrAdd($"{operation} · {target}", _ => new()).Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private (string Operation, string Target) Classify(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        return (Operation(message), Target(uri));
    }

    /// <summary>The table or queue the request is about: Azurite's paths are <c>/{account}/{table or queue}…</c>.</summary>
    private static string Target(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return "(account)";
        var name = segments[1];
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private string Operation(HttpMessage message)
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

/// <summary>One operation on one table or queue during the measured part of a run: attempts and latency in ms.</summary>
internal sealed record LoadOperationLatency(string Operation, int Count, double P50Ms, double P99Ms, double MaxMs);
