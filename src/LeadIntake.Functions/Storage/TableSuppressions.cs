using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Privacy;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The suppression list: PartitionKey <c>email</c> or <c>phone</c>, RowKey the HMAC-SHA256 (lower hex, keyed with
/// <c>Privacy__SuppressionKey</c>) of the lower-case email or the E.164 phone, <c>At</c> and the erasure request id.
/// Without the key nobody can tell whether an address is on it.
/// <para>
/// Screening asks about every lead, so the check must not cost storage calls per lead: each instance keeps the list's
/// keys in memory (a few hundred bytes per erased person), loads them once, then reads only the rows added since, at
/// most once per <c>Privacy:SuppressionRefreshInterval</c>; its own additions count at once. A list too large to keep
/// (more than <see cref="MaxCachedKeys"/> keys) or that can't be read is checked row by row, one point read per key.
/// </para>
/// </summary>
internal sealed partial class TableSuppressions(StorageAccount storage, IOptions<SuppressionOptions> options, TimeProvider time, ILogger<TableSuppressions> logger) : ISuppressionList
{
    /// <summary>Keys kept in memory at most; past it every check reads the table.</summary>
    public const int MaxCachedKeys = 200_000;

    private const string EmailPartition = "email";
    private const string PhonePartition = "phone";
    // Rows written around the last read may carry a slightly earlier server time: each refresh reads back this far.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TooLargeRetry = TimeSpan.FromMinutes(10);

    private readonly TableClient _table = storage.Table(TableNames.Suppressions);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private long _tableReads;

    /// <summary>Storage calls made to answer checks and refreshes (the tests and benchmarks read it).</summary>
    public long TableReads => Interlocked.Read(ref _tableReads);

    /// <summary>Adds the email and/or the E.164 phone (idempotent: an upsert).</summary>
    public async Task AddAsync(string? email, string? e164, string requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var keys = Keys(email, e164).ToList();
        foreach (var (partition, value) in keys)
        {
            var row = new TableEntity(partition, value) { ["At"] = at, ["RequestId"] = requestId };
            await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        lock (_gate)
        {
            if (_snapshot is { Keys: { } known } snapshot) _snapshot = snapshot with { Keys = new HashSet<string>(known.Concat(keys.Select(k => Key(k.Partition, k.Value))), StringComparer.Ordinal) };
        }
    }

    public async Task<bool> IsSuppressedAsync(Contact contact, CancellationToken cancellationToken)
    {
        var keys = Keys(contact.Email, contact.Phone).ToList();
        if (keys.Count == 0) return false;
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot?.Keys is { } known) return keys.Any(k => known.Contains(Key(k.Partition, k.Value)));
        foreach (var (partition, value) in keys)
        {
            Interlocked.Increment(ref _tableReads);
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, value, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (found.HasValue) return true;
        }
        return false;
    }

    // The keys in memory, refreshed by one caller at a time while the others use the last ones.
    private async Task<Snapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        var interval = current?.Keys is null ? TooLargeRetry : options.Value.SuppressionRefreshInterval;
        if (current is not null && now - current.ReadAt < interval) return current;
        if (current is not null && !await _refreshing.WaitAsync(0, cancellationToken).ConfigureAwait(false)) return current;
        if (current is null) await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _snapshot);
            if (current is not null && now - current.ReadAt < interval) return current;
            var refreshed = await ReadAsync(current, now, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                // Keys this instance added while the read ran are kept.
                if (refreshed.Keys is { } read && _snapshot?.Keys is { } mine && current?.Keys is { } before) refreshed = refreshed with { Keys = new HashSet<string>(read.Concat(mine.Except(before)), StringComparer.Ordinal) };
                _snapshot = refreshed;
            }
            return refreshed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Can't read the list now: what was read before still holds until the next attempt, an interval later (a
            // snapshot without keys, or none, means checking row by row).
            LogRefreshFailed(logger, e, e.GetType().Name);
            if (current is not null) lock (_gate) _snapshot = (_snapshot ?? current) with { ReadAt = now };
            return current;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(Snapshot? current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool full = current?.Keys is null;
        var keys = full ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(current!.Keys!, StringComparer.Ordinal);
        var filter = full
            ? TableClient.CreateQueryFilter($"PartitionKey eq {EmailPartition} or PartitionKey eq {PhonePartition}")
            : TableClient.CreateQueryFilter($"(PartitionKey eq {EmailPartition} or PartitionKey eq {PhonePartition}) and Timestamp ge {current!.Watermark - Overlap}");
        // After the first full read, the rows since then (by the service's clock, read back by the overlap).
        var watermark = current?.Watermark ?? now;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey", "Timestamp"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            Interlocked.Increment(ref _tableReads);
            foreach (var row in page.Values)
            {
                keys.Add(Key(row.PartitionKey, row.RowKey));
                if (row.Timestamp is { } stamp && stamp > watermark) watermark = stamp;
            }
            if (keys.Count > MaxCachedKeys)
            {
                LogTooLarge(logger, MaxCachedKeys);
                return new Snapshot(null, now, watermark);
            }
        }
        return new Snapshot(keys, now, watermark);
    }

    private static string Key(string partition, string value) => partition + "|" + value;

    private IEnumerable<(string Partition, string Value)> Keys(string? email, string? e164)
    {
        var key = options.Value.KeyBytes();
        if (email?.Trim() is { Length: > 0 } address) yield return (EmailPartition, Hmac(key, address.ToLowerInvariant()));
        if (e164 is { Length: > 1 } phone && phone[0] == '+') yield return (PhonePartition, Hmac(key, phone));
    }

    private static string Hmac(byte[] key, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));

    /// <summary>The keys known at <paramref name="ReadAt"/> (null: too many to keep, check row by row), and the newest row time seen.</summary>
    private sealed record Snapshot(IReadOnlySet<string>? Keys, DateTimeOffset ReadAt, DateTimeOffset Watermark);

    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Suppression list could not be read ({ErrorType}); leads are checked row by row until the next attempt")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string errorType);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Suppression list holds more than {Max} keys: leads are checked row by row")]
    private static partial void LogTooLarge(ILogger logger, int max);
}
