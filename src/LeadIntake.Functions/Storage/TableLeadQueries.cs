using Azure.Data.Tables;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Reporting;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The cockpit's reads of the Leads table, all bounded by capture time. A lead's RowKey is its id, whose first 10
/// characters are its capture time (ULID), and its partition is the capture month and one of 16 shards
/// (<see cref="LeadPartition"/>): "leads captured between A and B" is, per shard of each month, one key-range query
/// (<c>PartitionKey eq … and RowKey ge id(A) and RowKey lt id(B)</c>), never a scan of other months.
/// Newest first: the table returns keys in ascending order, so the list reads the most recent time window first,
/// sorts it, and widens the window backwards (6 h, 12 h, … up to 32 days) until the page is full.
/// </summary>
internal sealed class TableLeadQueries(StorageAccount storage, ILeadStore store, IContactIndex contacts)
{
    private const int Shards = 16;
    private const int MaxSearchReads = 500;
    private static readonly TimeSpan FirstWindow = TimeSpan.FromHours(6);
    private static readonly TimeSpan LargestWindow = TimeSpan.FromDays(32);

    private readonly TableClient _table = storage.Table(TableNames.Leads);

    /// <summary>One page of leads matching <paramref name="filter"/>, newest first.</summary>
    public async Task<LeadListPage> ListAsync(LeadListFilter filter, int pageSize, string? contactKey, CancellationToken cancellationToken)
    {
        if (contactKey is not null) return await SearchAsync(filter, pageSize, contactKey, cancellationToken).ConfigureAwait(false);
        var hi = filter.Before;
        if (filter.Cursor is { } cursor && cursor.Timestamp.AddMilliseconds(1) < hi) hi = cursor.Timestamp.AddMilliseconds(1);
        var window = FirstWindow;
        var found = new List<Lead>();
        while (hi > filter.From && found.Count <= pageSize)
        {
            var lo = hi - window > filter.From ? hi - window : filter.From;
            var batch = await CapturedAsync(lo, hi, filter, cancellationToken).ConfigureAwait(false);
            found.AddRange(batch.OrderByDescending(l => l.Id.Value, StringComparer.Ordinal));
            hi = lo;
            window = window * 2 < LargestWindow ? window * 2 : LargestWindow;
        }
        return Page(found, pageSize);
    }

    /// <summary>Every lead captured in [<paramref name="from"/>, <paramref name="before"/>), any status.</summary>
    public Task<List<Lead>> CapturedBetweenAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken) =>
        CapturedAsync(from, before, null, cancellationToken);

    /// <summary>The payloads providers delivered for the lead (rows <c>{id}|raw|…</c>), as text; empty when none was kept.</summary>
    public async Task<IReadOnlyList<RawPayloadText>> RawPayloadsAsync(LeadId id, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition.For(id)} and RowKey gt {id.Value + "|raw|"} and RowKey lt {id.Value + "|raw|~"}");
        var payloads = new List<RawPayloadText>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            int chunks = entity.GetInt32("RawChunks") ?? 0;
            var bytes = Enumerable.Range(0, chunks).SelectMany(i => entity.GetBinary($"Raw{i}") ?? []).ToArray();
            payloads.Add(new RawPayloadText(entity.GetString("RawContentType"), System.Text.Encoding.UTF8.GetString(bytes), entity.GetBoolean("Truncated") ?? false));
        }
        return payloads;
    }

    /// <summary>
    /// The contact key (<see cref="ContactKeys"/>) of a search text: an email address as is, a phone number normalised
    /// to E.164 as screening does (national numbers read in <paramref name="defaultRegion"/>); null when it is neither.
    /// </summary>
    public static string? ContactKeyFor(string q, string defaultRegion) =>
        q.Contains('@', StringComparison.Ordinal)
            ? ContactKeys.ForEmail(q)
            : ContactKeys.ForPhone(PhoneNormaliser.ToE164(q, defaultRegion));

    private async Task<LeadListPage> SearchAsync(LeadListFilter filter, int pageSize, string contactKey, CancellationToken cancellationToken)
    {
        var ids = (await contacts.FindSinceAsync(contactKey, filter.From, cancellationToken).ConfigureAwait(false))
            .Where(id => id.Timestamp < filter.Before && (filter.Cursor is not { } c || string.CompareOrdinal(id.Value, c.Value) < 0))
            .Distinct()
            .OrderByDescending(id => id.Value, StringComparer.Ordinal)
            .Take(MaxSearchReads);
        var found = new List<Lead>();
        foreach (var id in ids)
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && filter.Matches(stored.Lead)) found.Add(stored.Lead);
            if (found.Count > pageSize) break;
        }
        return Page(found, pageSize);
    }

    private static LeadListPage Page(List<Lead> found, int pageSize)
    {
        var items = found.Take(pageSize).ToList();
        return new LeadListPage(items, found.Count > pageSize ? items[^1].Id : null);
    }

    private async Task<List<Lead>> CapturedAsync(DateTimeOffset from, DateTimeOffset before, LeadListFilter? filter, CancellationToken cancellationToken)
    {
        if (before <= from) return [];
        var low = IdPrefix(from);
        var high = IdPrefix(before);
        if (filter?.Cursor is { } cursor && string.CompareOrdinal(cursor.Value, high) < 0) high = cursor.Value;
        var columns = TableClient.CreateQueryFilter($"Kind eq {"lead"}");
        if (filter?.Status is { } status) columns += " and " + TableClient.CreateQueryFilter($"Status eq {WireNames.Of(status)}");
        if (filter?.Intent is { } intent) columns += " and " + TableClient.CreateQueryFilter($"Intent eq {WireNames.Of(intent)}");
        if (filter?.Channel is { } channel) columns += " and " + TableClient.CreateQueryFilter($"Channel eq {WireNames.Of(channel)}");

        var queries = new List<Task<List<Lead>>>();
        foreach (var month in Months(from, before))
        {
            for (int shard = 0; shard < Shards; shard++)
            {
                var partition = $"{month}-{shard:x1}";
                var keys = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
                queries.Add(QueryAsync($"{keys} and {columns}", filter, cancellationToken));
            }
        }
        return [.. (await Task.WhenAll(queries).ConfigureAwait(false)).SelectMany(l => l)];
    }

    private async Task<List<Lead>> QueryAsync(string query, LeadListFilter? filter, CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var lead = TableLeadStore.FromEntity(entity);
            if (filter is null || filter.Matches(lead)) leads.Add(lead);
        }
        return leads;
    }

    /// <summary>The months (<c>yyyyMM</c>, UTC as in the partition key) that [from, before) touches.</summary>
    private static IEnumerable<string> Months(DateTimeOffset from, DateTimeOffset before)
    {
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var last = before.AddMilliseconds(-1);
        for (; month <= last; month = month.AddMonths(1)) yield return LeadPartition.MonthOf(month);
    }

    /// <summary>The 10-character time part of the ids of leads captured at <paramref name="time"/> (to the millisecond).</summary>
    private static string IdPrefix(DateTimeOffset time) => LeadId.New(time).Value[..10];
}
