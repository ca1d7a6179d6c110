using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Raw payloads as rows of the Leads table, in the lead's partition: RowKey <c>{id}|raw|{hash of the delivery}</c>,
/// <c>Kind=raw</c>, the bytes as binary properties <c>Raw0..RawN</c> (64,000 bytes each: a binary property holds 64 KiB)
/// up to <see cref="MaxBytes"/>; a longer payload is cut and flagged <c>Truncated</c> with its full <c>Length</c>.
/// The row sorts after the lead's event rows (<c>|r</c> &gt; <c>|e|</c>), so event and KPI queries never see it.
/// </summary>
internal sealed class TableRawPayloadStore(StorageAccount storage) : IRawPayloadStore
{
    public const int MaxBytes = 256_000;
    private const int ChunkBytes = 64_000;
    private const string RawKind = "raw";

    private readonly TableClient _table = storage.Table(TableNames.Leads);

    public async Task SaveAsync(LeadId id, string deliveryKey, string? contentType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)), 0, 8);
        var kept = payload.Length > MaxBytes ? payload[..MaxBytes] : payload;
        var entity = new TableEntity(LeadPartition.For(id), $"{id.Value}|raw|{hash}")
        {
            ["Kind"] = RawKind,
            ["RawContentType"] = contentType is { Length: > 200 } ? contentType[..200] : contentType,
            ["Length"] = payload.Length,
            ["Truncated"] = payload.Length > MaxBytes,
        };
        int chunks = 0;
        for (int offset = 0; offset < kept.Length; offset += ChunkBytes, chunks++)
        {
            entity[$"Raw{chunks}"] = kept.Slice(offset, Math.Min(ChunkBytes, kept.Length - offset)).ToArray();
        }
        entity["RawChunks"] = chunks;
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every raw payload row of the lead (a purge); the number of rows deleted.</summary>
    public async Task<int> DeleteAllAsync(LeadId id, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition.For(id)} and RowKey gt {id.Value + "|raw|"} and RowKey lt {id.Value + "|raw|~"}");
        int deleted = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        return deleted;
    }
}
