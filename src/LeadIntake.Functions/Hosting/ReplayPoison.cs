using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// <c>POST /api/admin/poison/{queue}/replay</c> (admin): after a fix, moves every message of <c>{queue}-poison</c>
/// back to <c>{queue}</c>, content unchanged, and says how many. Each message is sent before it is deleted from
/// poison: a crash in between replays it twice (handlers are idempotent), never loses it.
/// </summary>
internal sealed class ReplayPoison(StorageAccount storage, QueueWakeSignals wake)
{
    [Function("ReplayPoison")]
    public Task<Results<Ok<ReplayPoison.PoisonReplay>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/poison/{queue}/replay")] HttpRequest request, string queue, CancellationToken cancellationToken) =>
        HandleAsync(queue, storage, wake, cancellationToken);

    private const int MaxPerCall = 10_000;

    /// <summary><c>{queue, replayed, more}</c>: more is true when the call stopped at its limit.</summary>
    internal sealed record PoisonReplay(string Queue, int Replayed, bool More);

    private static async Task<Results<Ok<PoisonReplay>, ProblemHttpResult>> HandleAsync(string queue, StorageAccount storage, QueueWakeSignals wake, CancellationToken cancellationToken)
    {
        if (!FunctionCatalog.TriggerQueueNames.Contains(queue, StringComparer.Ordinal))
        {
            return Problems.NotFound("queue", $"'{queue}' is not a trigger queue; use one of: {string.Join(", ", FunctionCatalog.TriggerQueueNames)}.");
        }
        var target = storage.Queue(queue);
        var poison = storage.Queue(PoisonQueue.NameFor(queue));
        int replayed = 0;
        while (replayed < MaxPerCall)
        {
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (batch.Length == 0) break;
            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.MessageText, CancellationToken.None);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                replayed++;
            }
            wake.Wake(queue);
        }
        return TypedResults.Ok(new PoisonReplay(queue, replayed, replayed >= MaxPerCall));
    }
}
