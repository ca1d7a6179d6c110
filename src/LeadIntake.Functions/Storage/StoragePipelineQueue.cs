using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Storage;

/// <summary>Puts lead ids on the pipeline queues, base64 as the Functions host expects, and wakes this instance's listener.</summary>
internal sealed class StoragePipelineQueue(StorageAccount storage, IOptions<QueueRuntimeOptions> options, QueueWakeSignals wakeSignals) : IPipelineQueue
{
    private readonly QueueMessageCodec _codec = new(options.Value.Base64);

    public async Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken)
    {
        var name = QueueNames.Of(queue);
        await storage.Queue(name).SendMessageAsync(_codec.Encode(new LeadMessage(id.Value).ToJson()), cancellationToken).ConfigureAwait(false);
        wakeSignals.Wake(name);
    }

    public async Task<int> ApproximateDepthAsync(PipelineQueue queue, CancellationToken cancellationToken) =>
        (await storage.Queue(QueueNames.Of(queue)).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
}
