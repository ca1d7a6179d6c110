using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Leads held for review, one row each (PartitionKey <c>review</c>, RowKey lead id, no personal data). One small
/// partition: the leads in review at any time are a handful, and listing them is one partition query, whatever the
/// size of the Leads table.
/// </summary>
internal sealed class TableReviewQueue(StorageAccount storage) : IReviewQueue
{
    private const string Partition = "review";
    private readonly TableClient _table = storage.Table(TableNames.ReviewQueue);

    public async Task AddAsync(LeadId id, DateTimeOffset heldAt, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, id.Value) { ["HeldAt"] = heldAt }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task RemoveAsync(LeadId id, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, id.Value, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // already removed: a retry, or the digest cleaned it up
        }
    }

    public async Task<IReadOnlyList<LeadId>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<LeadId>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (LeadId.TryParse(row.RowKey, out var id)) ids.Add(id);
        }
        // Lead ids start with their capture time: ordinal order is oldest first.
        return ids;
    }
}
