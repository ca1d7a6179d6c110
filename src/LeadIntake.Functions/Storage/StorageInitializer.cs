namespace LeadIntake.Functions.Storage;

/// <summary>Creates the tables and queues (and the queues' poison queues) at start; idempotent.</summary>
internal sealed class StorageInitializer(StorageAccount storage)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(TableNames.All.Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        foreach (var queue in QueueNames.All)
        {
            work.Add(storage.Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            work.Add(storage.Queue(PoisonQueue.NameFor(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }
        await Task.WhenAll(work).ConfigureAwait(false);
    }
}
