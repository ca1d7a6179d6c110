using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Privacy;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The suppression list: PartitionKey <c>email</c> or <c>phone</c>, RowKey the HMAC-SHA256 (lower hex, keyed with
/// <c>Privacy__SuppressionKey</c>) of the lower-case email or the E.164 phone, <c>At</c> and the erasure request id.
/// Without the key nobody can tell whether an address is on it; with it, a new lead's contact is checked in one read.
/// </summary>
internal sealed class TableSuppressions(StorageAccount storage, IOptions<SuppressionOptions> options) : ISuppressionList
{
    private const string EmailPartition = "email";
    private const string PhonePartition = "phone";
    private readonly TableClient _table = storage.Table(TableNames.Suppressions);

    /// <summary>Adds the email and/or the E.164 phone (idempotent: an upsert).</summary>
    public async Task AddAsync(string? email, string? e164, string requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var (partition, value) in Keys(email, e164))
        {
            var row = new TableEntity(partition, value) { ["At"] = at, ["RequestId"] = requestId };
            await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> IsSuppressedAsync(Contact contact, CancellationToken cancellationToken)
    {
        foreach (var (partition, value) in Keys(contact.Email, contact.Phone))
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, value, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (found.HasValue) return true;
        }
        return false;
    }

    private IEnumerable<(string Partition, string Value)> Keys(string? email, string? e164)
    {
        var key = options.Value.KeyBytes();
        if (email?.Trim() is { Length: > 0 } address) yield return (EmailPartition, Hmac(key, address.ToLowerInvariant()));
        if (e164 is { Length: > 1 } phone && phone[0] == '+') yield return (PhonePartition, Hmac(key, phone));
    }

    private static string Hmac(byte[] key, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}
