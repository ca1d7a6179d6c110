using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Provider event ids claimed by insert: PartitionKey = provider (<see cref="TableKey"/>: a generic call or social
/// provider names itself, <c>pbx#1</c> included), RowKey = SHA-256 of the event id
/// (base64url: event ids may hold characters a RowKey can't, such as '/' in a Message-Id, and may be long).
/// Webhook signatures already used live in the same table: PartitionKey <c>{provider}|signature</c>, RowKey the hash
/// of the signature, <c>Delivery</c> the hash of the delivery that used it first (docs/reliability.md, "Webhook replay").
/// </summary>
internal sealed class TableIntakeKeys(StorageAccount storage) : IIntakeKeys
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

    public async Task<SignatureUse> RecordSignatureAsync(
        string provider, string signature, string deliveryKey, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(provider + "|signature", Hash(signature)) { ["Delivery"] = Hash(deliveryKey), ["ExpiresAt"] = expiresAt };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return SignatureUse.First;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return existing.Value.GetString("Delivery") == (string)row["Delivery"] ? SignatureUse.SameDelivery : SignatureUse.Replayed;
        }
    }

    /// <summary>
    /// Forgets the claim of one provider event id (a purge: the id may hold an address). A later delivery of the same
    /// event is then captured as a new lead. True when a row was removed.
    /// </summary>
    public async Task<bool> ForgetAsync(string provider, string providerEventId, CancellationToken cancellationToken)
    {
        var rowKey = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(providerEventId)));
        try
        {
            await _table.DeleteEntityAsync(TableKey.Encode(provider), rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string Hash(string value) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
