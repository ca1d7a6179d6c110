using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The sweeper's view of the Leads table: lead rows in <c>captured</c> with their <c>QueuedAt</c> column (written by
/// <see cref="TableLeadStore.TryCreateAsync"/> in the lead's create transaction, moved forward here with the row's
/// ETag). Only the keys and the two times are read, not the lead's data. A row without the column (written before it
/// existed, or replaced by a save that kept the lead captured) counts as queued when it was captured.
/// </summary>
internal sealed class TableStrandedLeads(StorageAccount storage) : IStrandedLeads
{
    public const string QueuedAtColumn = "QueuedAt";

    private readonly TableClient _table = storage.Table(TableNames.Leads);

    public async IAsyncEnumerable<StrandedLead> FindAsync(DateTimeOffset capturedFrom, DateTimeOffset queuedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A lead is queued when it is captured or later: one queued before the cut-off was captured before it too.
        var (low, high) = LeadPartition.MonthRange(capturedFrom, queuedBefore);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {low} and PartitionKey lt {high} and Kind eq {"lead"} and Status eq {WireNames.Of(LeadStatus.Captured)} and CapturedAt ge {capturedFrom} and CapturedAt lt {queuedBefore}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "CapturedAt", QueuedAtColumn], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var queuedAt = entity.GetDateTimeOffset(QueuedAtColumn) ?? entity.GetDateTimeOffset("CapturedAt") ?? default;
            if (queuedAt < queuedBefore) yield return new StrandedLead(LeadId.Parse(entity.RowKey), queuedAt, entity.ETag.ToString());
        }
    }

    public async Task<bool> TryMarkQueuedAsync(StrandedLead lead, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mark = new TableEntity(LeadPartition.For(lead.Id), lead.Id.Value) { [QueuedAtColumn] = now };
        try
        {
            await _table.UpdateEntityAsync(mark, new ETag(lead.ETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }
}
