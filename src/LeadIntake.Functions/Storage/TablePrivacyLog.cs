using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The privacy proof log: PartitionKey <c>yyyyMM</c> (UTC month of the entry), RowKey the entry's UTC ticks (19 digits)
/// then a random suffix, so rows sort oldest first and two entries in the same tick never collide. Insert only.
/// </summary>
internal sealed class TablePrivacyLog(StorageAccount storage) : IPrivacyLog
{
    private readonly TableClient _table = storage.Table(TableNames.PrivacyLog);

    public async Task AppendAsync(PrivacyLogEntry entry, CancellationToken cancellationToken)
    {
        var at = entry.At.ToUniversalTime();
        var rowKey = at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        var row = new TableEntity(Partition(at), rowKey)
        {
            ["At"] = at,
            ["Action"] = entry.Action.ToString(),
            ["RequestedBy"] = entry.RequestedBy,
            ["Operator"] = entry.Operator,
            ["Records"] = entry.Records,
            ["RequestId"] = entry.RequestId,
            ["Detail"] = entry.Detail,
        };
        await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PrivacyLogEntry> ReadAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        var low = start.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var high = end.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~";
        for (var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= end; month = month.AddMonths(1))
        {
            var partition = Partition(month);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey le {high}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!Enum.TryParse<PrivacyAction>(row.GetString("Action"), out var action)) continue;
                yield return new PrivacyLogEntry(
                    row.GetDateTimeOffset("At") ?? start,
                    action,
                    row.GetString("RequestedBy") ?? "",
                    row.GetString("Operator") ?? "",
                    row.GetInt32("Records") ?? 0,
                    row.GetString("RequestId"),
                    row.GetString("Detail"));
            }
        }
    }

    private static string Partition(DateTimeOffset utc) => utc.ToString("yyyyMM", CultureInfo.InvariantCulture);
}
