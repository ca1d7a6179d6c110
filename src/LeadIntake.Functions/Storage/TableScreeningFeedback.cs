using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Feedback examples. The example (label, who/when, the text the model reads) is a row in its lead's own partition of
/// the Leads table, RowKey <c>{leadId}|feedback</c>: whatever removes the lead's partition rows (retention, erasure)
/// removes it too. A PII-free index row (lead id, label, source, time) in <c>ScreeningFeedback</c>, partitioned by the
/// month of the correction, lists them without scanning the leads.
/// </summary>
internal sealed class TableScreeningFeedback(StorageAccount storage) : IScreeningFeedback
{
    private const string Kind = "feedback";
    private readonly TableClient _leads = storage.Table(TableNames.Leads);
    private readonly TableClient _index = storage.Table(TableNames.ScreeningFeedback);

    public static string RowKeyFor(LeadId id) => $"{id.Value}|{Kind}";

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public async Task<bool> RecordAsync(FeedbackExample example, CancellationToken cancellationToken)
    {
        var changed = await StoreExampleAsync(example, cancellationToken).ConfigureAwait(false);
        // The index row is derived: written every time (a retry repairs a lost one), after the example it points to.
        var index = new TableEntity(MonthOf(example.At), example.LeadId.Value)
        {
            ["Label"] = WireNames.Of(example.Label),
            ["Source"] = WireNames.Of(example.Source),
            ["At"] = example.At,
        };
        await _index.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    private async Task<bool> StoreExampleAsync(FeedbackExample example, CancellationToken cancellationToken)
    {
        var partition = LeadPartition.For(example.LeadId);
        var rowKey = RowKeyFor(example.LeadId);
        var entity = ToEntity(example);
        try
        {
            await _leads.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A correction of a lead that has one already: last one wins, the change is counted below.
        }
        for (int attempt = 0; ; attempt++)
        {
            var existing = (await _leads.GetEntityAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (existing.GetString("Label") == WireNames.Of(example.Label) && existing.GetString("Source") == WireNames.Of(example.Source)) return false;
            entity["Revision"] = (existing.GetInt32("Revision") ?? 1) + 1;
            entity["PreviousLabel"] = existing.GetString("Label");
            entity["PreviousSource"] = existing.GetString("Source");
            entity["PreviousAt"] = existing.GetDateTimeOffset("At");
            try
            {
                await _leads.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt == 0)
            {
                // Two corrections at once: read the winner and decide again, once.
            }
        }
    }

    /// <summary>
    /// Deletes the lead's example and its index row (a purge): the index row first, found through the example's time,
    /// so a purge cut between the two leaves the example, and purging again finds it. The number of rows deleted.
    /// </summary>
    public async Task<int> ForgetAsync(LeadId id, CancellationToken cancellationToken)
    {
        var found = await _leads.GetEntityIfExistsAsync<TableEntity>(LeadPartition.For(id), RowKeyFor(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } example) return 0;
        int deleted = 0;
        // A correction may have moved the example to a later month: the index row sits under the month of each version.
        foreach (var at in new[] { example.GetDateTimeOffset("At"), example.GetDateTimeOffset("PreviousAt") })
        {
            if (at is { } when) deleted += await DeleteIfExistsAsync(_index, MonthOf(when), id.Value, cancellationToken).ConfigureAwait(false);
        }
        deleted += await DeleteIfExistsAsync(_leads, example.PartitionKey, example.RowKey, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static async Task<int> DeleteIfExistsAsync(TableClient table, string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return 1;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    public async IAsyncEnumerable<FeedbackExample> ListAsync(DateOnly fromMonth, DateOnly toMonth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var month = new DateOnly(fromMonth.Year, fromMonth.Month, 1); month <= toMonth; month = month.AddMonths(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString("yyyyMM", CultureInfo.InvariantCulture)}");
            var ids = new List<LeadId>();
            await foreach (var row in _index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(row.RowKey) && LeadId.TryParse(row.RowKey, out var id)) ids.Add(id);
            }
            foreach (var id in ids)
            {
                var found = await _leads.GetEntityIfExistsAsync<TableEntity>(LeadPartition.For(id), RowKeyFor(id), cancellationToken: cancellationToken).ConfigureAwait(false);
                // No example behind the index row: the lead was erased or purged; the index holds nothing personal.
                if (found.HasValue && found.Value is { } entity && FromEntity(id, entity) is { } example) yield return example;
            }
        }
    }

    private static TableEntity ToEntity(FeedbackExample e) => new(LeadPartition.For(e.LeadId), RowKeyFor(e.LeadId))
    {
        ["Kind"] = Kind,
        ["Label"] = WireNames.Of(e.Label),
        ["Source"] = WireNames.Of(e.Source),
        ["Actor"] = e.Actor,
        ["At"] = e.At,
        ["Channel"] = WireNames.Of(e.Channel),
        ["Lang"] = e.Language,
        ["Subject"] = e.Subject,
        ["Message"] = e.Message,
        ["FirstName"] = e.FirstName,
        ["LastName"] = e.LastName,
        ["FullName"] = e.FullName,
        ["Company"] = e.Company,
        ["EmailDomain"] = e.EmailDomain,
        ["Revision"] = 1,
    };

    private static FeedbackExample? FromEntity(LeadId id, TableEntity entity)
    {
        if (!WireNames.TryParse<LeadIntent>(entity.GetString("Label"), out var label)
            || !WireNames.TryParse<FeedbackSource>(entity.GetString("Source"), out var source)
            || !WireNames.TryParse<Channel>(entity.GetString("Channel"), out var channel))
        {
            return null;
        }
        return new FeedbackExample
        {
            LeadId = id,
            Label = label,
            Source = source,
            Actor = entity.GetString("Actor") ?? "",
            At = entity.GetDateTimeOffset("At") ?? default,
            Channel = channel,
            Language = entity.GetString("Lang"),
            Subject = entity.GetString("Subject"),
            Message = entity.GetString("Message"),
            FirstName = entity.GetString("FirstName"),
            LastName = entity.GetString("LastName"),
            FullName = entity.GetString("FullName"),
            Company = entity.GetString("Company"),
            EmailDomain = entity.GetString("EmailDomain"),
        };
    }
}
