using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Delivery claims in the <c>IntakeKeys</c> table, apart from event-id claims: PartitionKey <c>{provider}|delivery</c> (provider through <see cref="TableKey"/>),
/// RowKey the base64url SHA-256 of the delivery key, <c>LeadId</c>, <c>State</c> (<c>pending</c> → <c>applied</c>).
/// </summary>
internal sealed class TableDeliveryLedger(StorageAccount storage) : IDeliveryLedger
{
    private const string Pending = "pending";
    private const string Applied = "applied";

    private readonly TableClient _table = storage.Table(TableNames.IntakeKeys);

    public async Task<DeliveryClaim> ClaimAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(provider, deliveryKey);
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, row) { ["LeadId"] = leadId.Value, ["State"] = Pending }, cancellationToken).ConfigureAwait(false);
            return DeliveryClaim.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return existing.Value.GetString("State") == Applied ? DeliveryClaim.Applied : DeliveryClaim.Pending;
        }
    }

    public Task MarkAppliedAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(provider, deliveryKey);
        return _table.UpsertEntityAsync(new TableEntity(partition, row) { ["LeadId"] = leadId.Value, ["State"] = Applied }, TableUpdateMode.Replace, cancellationToken);
    }

    private static (string Partition, string Row) Keys(string provider, string deliveryKey) =>
        ($"{TableKey.Encode(provider)}|delivery", Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey))).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
}
