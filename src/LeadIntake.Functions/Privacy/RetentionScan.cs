using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The retention run's reads of the Leads table, one capture month at a time (a month is 16 partitions,
/// <see cref="LeadPartition"/>), and the evaluation of one lead: a cheap pass on the lead row alone, then, only for a
/// lead that pass finds due, its events and its contact's newer leads (which can only push the due instant later).
/// </summary>
internal sealed class RetentionScan(StorageAccount storage, ILeadStore store, IContactIndex contacts)
{
    /// <summary>How many newer leads of the same contact are read to find one that is not spam.</summary>
    private const int MaxContactLeadsRead = 5;

    private readonly TableClient _table = storage.Table(TableNames.Leads);

    /// <summary>The capture month (<c>yyyyMM</c>) of the oldest lead row, or null when there is none.</summary>
    public async Task<string?> OldestLeadMonthAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Kind eq {"lead"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return row.PartitionKey[..6];
        }
        return null;
    }

    /// <summary>Every lead row captured in <paramref name="month"/>.</summary>
    public async IAsyncEnumerable<Lead> LeadsInMonthAsync(string month, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {month + "-"} and PartitionKey lt {month + "-~"} and Kind eq {"lead"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return TableLeadStore.FromEntity(row);
        }
    }

    /// <summary>Every raw payload row (keys only) of the leads captured in <paramref name="month"/>.</summary>
    public async IAsyncEnumerable<(string PartitionKey, string RowKey, LeadId LeadId)> RawRowsInMonthAsync(string month, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {month + "-"} and PartitionKey lt {month + "-~"} and Kind eq {"raw"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && LeadId.TryParse(row.RowKey[..separator], out var id)) yield return (row.PartitionKey, row.RowKey, id);
        }
    }

    public Task DeleteRawAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        TableRetentionMarks.DeleteIfExistsAsync(_table, partitionKey, rowKey, cancellationToken);

    /// <summary>The lead's verdict as of <paramref name="at"/>: null when it was purged already.</summary>
    public async Task<RetentionVerdict?> EvaluateAsync(Lead lead, DateTimeOffset at, RetentionPeriods periods, CancellationToken cancellationToken)
    {
        var facts = new RetentionFacts(lead);
        var cheap = RetentionPolicy.Evaluate(facts, periods);
        if (cheap is null || !cheap.IsDue(at)) return cheap;
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        var contactLast = cheap.Class == RetentionClass.Prospect ? await ContactLastTouchAsync(lead, cancellationToken).ConfigureAwait(false) : null;
        return RetentionPolicy.Evaluate(facts with { Events = events, ContactLastTouchAt = contactLast }, periods);
    }

    /// <summary>
    /// The capture time of the contact's newest lead after this one that is not spam (its email or phone, through the
    /// contact index), or null. Screening attaches a new lead to an open one as a touch, but a lead that arrives when
    /// the earlier one is closed (lost, won) stays a lead of its own: only the index links the two.
    /// </summary>
    private async Task<DateTimeOffset?> ContactLastTouchAsync(Lead lead, CancellationToken cancellationToken)
    {
        var newer = new HashSet<LeadId>();
        foreach (var key in new[] { ContactKeys.ForEmail(lead.Contact.Email), ContactKeys.ForPhone(lead.Contact.Phone) })
        {
            if (key is null) continue;
            foreach (var id in await contacts.FindSinceAsync(key, lead.CapturedAt, cancellationToken).ConfigureAwait(false))
            {
                if (string.CompareOrdinal(id.Value, lead.Id.Value) > 0) newer.Add(id);
            }
        }
        foreach (var id in newer.OrderByDescending(i => i.Value, StringComparer.Ordinal).Take(MaxContactLeadsRead))
        {
            var other = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (other is not null && other.Lead.Status != LeadStatus.Spam) return other.Lead.CapturedAt;
        }
        return null;
    }

    /// <summary>The months (<c>yyyyMM</c>) from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<string> Months(string first, string last)
    {
        for (var month = first; string.CompareOrdinal(month, last) <= 0; month = TableRetentionMarks.NextMonth(month)) yield return month;
    }

    public static string MonthOf(DateTimeOffset time) => LeadPartition.MonthOf(time);

    /// <summary>The first instant after <paramref name="month"/> (<c>yyyyMM</c>), UTC.</summary>
    public static DateTimeOffset EndOf(string month) =>
        new(DateTime.ParseExact(month, "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).AddMonths(1), TimeSpan.Zero);
}
