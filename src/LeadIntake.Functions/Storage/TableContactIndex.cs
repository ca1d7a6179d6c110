using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The <c>Contacts</c> table: PartitionKey = a hashed contact key (<see cref="ContactKeys"/>), RowKey = lead id. Lead
/// ids are time-ordered, so "leads of this contact since T" is one partition range query from T's id prefix.
/// </summary>
internal sealed class TableContactIndex(StorageAccount storage) : IContactIndex
{
    private readonly TableClient _table = storage.Table(TableNames.Contacts);

    public async Task RecordAsync(LeadId leadId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        // Insert first (docs/conventions.md): 409 means a retry already recorded it. Keys differ by partition, so no batch.
        await Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity(key, leadId.Value), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        })).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LeadId>> FindSinceAsync(string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // The first 10 characters of a lead id are its capture time; any id captured at or after `since` sorts at or after them.
        var from = LeadId.New(since).Value[..10];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {from}");
        var ids = new List<LeadId>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (LeadId.TryParse(entity.RowKey, out var id)) ids.Add(id);
        }
        return ids;
    }

    /// <summary>Removes the lead from each key's partition (the rows of other leads stay); the number of rows removed.</summary>
    public async Task<int> ForgetAsync(LeadId leadId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var removed = await Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(async key =>
        {
            try
            {
                await _table.DeleteEntityAsync(key, leadId.Value, ETag.All, cancellationToken).ConfigureAwait(false);
                return 1;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return 0; // never indexed, or an earlier purge removed it
            }
        })).ConfigureAwait(false);
        return removed.Sum();
    }
}
