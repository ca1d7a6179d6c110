using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Provider event ids claimed by insert: PartitionKey = provider (<see cref="TableKey"/>: a generic call or social
/// provider names itself, <c>pbx#1</c> included), RowKey = SHA-256 of the event id
/// (base64url: event ids may hold characters a RowKey can't, such as '/' in a Message-Id, and may be long).
/// </summary>
public sealed class TableIntakeKeys(StorageAccount storage) : IIntakeKeys
{
    private readonly TableClient _table = storage.Table(TableNames.IntakeKeys);

    public async Task<LeadId> ClaimAsync(string provider, string providerEventId, LeadId candidate, CancellationToken cancellationToken)
    {
        var partition = TableKey.Encode(provider);
        var rowKey = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(providerEventId)));
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, rowKey) { ["LeadId"] = candidate.Value }, cancellationToken).ConfigureAwait(false);
            return candidate;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return LeadId.Parse(existing.Value.GetString("LeadId"));
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
