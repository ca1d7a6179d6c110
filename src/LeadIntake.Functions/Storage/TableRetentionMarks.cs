using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The retention run's bookkeeping (table <c>RetentionMarks</c>): per scan (<c>lead</c> or <c>raw</c>) a
/// <c>watermark</c> row naming the oldest capture month that can still hold something due, and one row per month with
/// the earliest due instant the last scan of that month found, when it ran, and whether the month is done (nothing left
/// to purge, ever). Marks are hints for skipping work: last writer wins, and a lost or stale mark only costs a rescan.
/// </summary>
internal sealed class TableRetentionMarks(StorageAccount storage)
{
    public const string Leads = "lead";
    public const string RawPayloads = "raw";
    private const string WatermarkRow = "watermark";

    private readonly TableClient _table = storage.Table(TableNames.RetentionMarks);

    /// <summary>The scan's watermark (oldest month still to visit, <c>yyyyMM</c>) and its month marks.</summary>
    public async Task<(string? Watermark, Dictionary<string, RetentionMonthMark> Months)> ReadAsync(string scan, CancellationToken cancellationToken)
    {
        string? watermark = null;
        var months = new Dictionary<string, RetentionMonthMark>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {scan}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == WatermarkRow) watermark = row.GetString("Month");
            else months[row.RowKey] = new RetentionMonthMark(row.GetDateTimeOffset("NextDueAt"), row.GetDateTimeOffset("ScannedAt") ?? default, row.GetBoolean("Done") ?? false);
        }
        return (watermark, months);
    }

    public Task SaveMonthAsync(string scan, string month, RetentionMonthMark mark, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(scan, month)
        {
            ["NextDueAt"] = mark.NextDueAt,
            ["ScannedAt"] = mark.ScannedAt,
            ["Done"] = mark.Done,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task SaveWatermarkAsync(string scan, string month, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(new TableEntity(scan, WatermarkRow) { ["Month"] = month }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The month after <paramref name="month"/> (<c>yyyyMM</c>).</summary>
    public static string NextMonth(string month) =>
        DateTime.ParseExact(month, "yyyyMM", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>Ignores a 404: the row to delete is gone already (another run, a purge).</summary>
    public static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}

/// <summary>What the last scan of one capture month found.</summary>
/// <param name="NextDueAt">The earliest due instant among the month's leads (or raw rows) not purged yet; null when none is left.</param>
/// <param name="ScannedAt">When that scan ran (the app's clock).</param>
/// <param name="Done">Nothing is left in the month to purge, now or later.</param>
internal sealed record RetentionMonthMark(DateTimeOffset? NextDueAt, DateTimeOffset ScannedAt, bool Done);
