using Azure;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary><c>GET /api/health</c> (anonymous): whether tables and queues answer, and each pipeline queue's depth.</summary>
public sealed class Health : IHttpFunction
{
    public static FunctionDeclaration Declaration { get; } =
        new("Health", new HttpTrigger("health", ["get"], AuthLevel.Anonymous));

    public static Delegate Handler => HandleAsync;

    private static async Task<IResult> HandleAsync(StorageAccount storage, CancellationToken cancellationToken)
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
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
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
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
            {
                queues[name] = new { error = "unreachable" };
                queuesOk = false;
            }
        }
        bool healthy = tables == "reachable" && queuesOk;
        return TypedResults.Json(
            new { status = healthy ? "healthy" : "unhealthy", storage = new { tables, queues = queuesOk ? "reachable" : "unreachable" }, queues },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
