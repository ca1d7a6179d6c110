using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Erasure requests (PartitionKey <c>erasure</c>, RowKey the request id), each updated with its ETag as it progresses.
/// Holds the contact index keys (SHA-256 hashes) while pending and counts only once done.
/// </summary>
internal sealed class TablePrivacyRequests(StorageAccount storage)
{
    private const string Partition = "erasure";
    private readonly TableClient _table = storage.Table(TableNames.PrivacyRequests);

    public async Task AddAsync(ErasureRequest request, CancellationToken cancellationToken) =>
        await _table.AddEntityAsync(ToEntity(request), cancellationToken).ConfigureAwait(false);

    /// <returns>The request and its ETag, or null.</returns>
    public async Task<(ErasureRequest Request, ETag ETag)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidAsIs(id)) return null;
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? (FromEntity(row), row.ETag) : null;
    }

    /// <summary>Replaces the request if nobody changed it since <paramref name="etag"/> (else 412 propagates: the message is retried).</summary>
    public async Task<ETag> SaveAsync(ErasureRequest request, ETag etag, CancellationToken cancellationToken)
    {
        var response = await _table.UpdateEntityAsync(ToEntity(request), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? ETag.All;
    }

    private static TableEntity ToEntity(ErasureRequest r) => new(Partition, r.Id)
    {
        ["Status"] = WireNames.Of(r.Status),
        ["EmailKey"] = r.EmailKey,
        ["PhoneKey"] = r.PhoneKey,
        ["KeyIndex"] = r.KeyIndex,
        ["Cursor"] = r.Cursor,
        ["InFlight"] = r.InFlight.Count == 0 ? null : string.Join(',', r.InFlight),
        ["LeadsErased"] = r.LeadsErased,
        ["RequestedAt"] = r.RequestedAt,
        ["CompletedAt"] = r.CompletedAt,
        ["RequestedBy"] = r.RequestedBy,
        ["Operator"] = r.Operator,
        ["Logged"] = r.Logged,
    };

    private static ErasureRequest FromEntity(TableEntity row) => new()
    {
        Id = row.RowKey,
        Status = WireNames.TryParse<ErasureStatus>(row.GetString("Status"), out var status) ? status : ErasureStatus.Pending,
        EmailKey = row.GetString("EmailKey"),
        PhoneKey = row.GetString("PhoneKey"),
        KeyIndex = row.GetInt32("KeyIndex") ?? 0,
        Cursor = row.GetString("Cursor"),
        InFlight = row.GetString("InFlight") is { Length: > 0 } ids ? ids.Split(',') : [],
        LeadsErased = row.GetInt32("LeadsErased") ?? 0,
        RequestedAt = row.GetDateTimeOffset("RequestedAt") ?? default,
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        RequestedBy = row.GetString("RequestedBy") ?? "",
        Operator = row.GetString("Operator") ?? "",
        Logged = row.GetBoolean("Logged") ?? false,
    };
}
