using Azure;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// <c>GET /api/health</c> (anonymous): whether tables and queues answer, each pipeline queue's depth, and the state of
/// this instance's queue listeners. 200 <c>healthy</c> only when storage answers and every listener runs outside an
/// outage; otherwise 503 <c>degraded</c>: never 200 while nothing moves.
/// </summary>
internal sealed class Health(StorageAccount storage, QueueRuntimeStatus runtime)
{
    [Function("Health")]
    public Task<JsonHttpResult<HealthReport>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(storage, runtime, cancellationToken);

    private static async Task<JsonHttpResult<HealthReport>> HandleAsync(StorageAccount storage, QueueRuntimeStatus runtime, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string tables;
        try
        {
            await storage.Table(TableNames.Leads).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token)
                .AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync();
            tables = "reachable";
        }
        catch (Exception e) when (e is RequestFailedException || StorageFaults.IsOutage(e))
        {
            tables = "unreachable";
        }

        var queues = new Dictionary<string, object>();
        bool queuesOk = true;
        foreach (var name in QueueNames.All.Concat(QueueNames.All.Select(PoisonQueue.NameFor)))
        {
            try
            {
                var properties = await storage.Queue(name).GetPropertiesAsync(timeout.Token);
                queues[name] = new { approximateMessages = properties.Value.ApproximateMessagesCount };
            }
            catch (Exception e) when (e is RequestFailedException || StorageFaults.IsOutage(e))
            {
                queues[name] = new { error = "unreachable" };
                queuesOk = false;
            }
        }
        // The listeners' view counts too: a probe can succeed between two failed polls, and a dead listener moves nothing.
        var snapshot = runtime.Snapshot();
        bool listenersOk = snapshot.OutageSince is null && snapshot.Listeners.Values.All(s => s == ListenerState.Running);
        bool healthy = tables == "reachable" && queuesOk && listenersOk;
        var listeners = new
        {
            state = snapshot.Listeners.ToDictionary(p => p.Key, p => p.Value.ToString().ToLowerInvariant(), StringComparer.Ordinal),
            outageSince = snapshot.OutageSince,
            restarts = snapshot.Restarts,
        };
        return TypedResults.Json(
            new HealthReport(healthy ? "healthy" : "degraded", new { tables, queues = queuesOk ? "reachable" : "unreachable" }, queues, listeners),
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary><c>{status, storage: {tables, queues}, queues: {name: {approximateMessages}|{error}}, listeners: {state, outageSince, restarts}}</c>.</summary>
internal sealed record HealthReport(string Status, object Storage, IReadOnlyDictionary<string, object> Queues, object Listeners);
