using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Leads in Table Storage. The lead row (RowKey = id) and its event rows (RowKey = id|e|ticks+index) share a
/// partition, so a stage's status change and its audit events commit in one entity-group transaction: never a status
/// without its event, never an event without its status. The lead itself is JSON split over <c>Data0..DataN</c>
/// (a string property holds 64 KiB); status, intent, channel, provider and times are columns for queries.
/// </summary>
internal sealed class TableLeadStore(StorageAccount storage) : ILeadStore
{
    private const int ChunkChars = 30_000; // 60 KB of UTF-16: under the 64 KiB string property limit
    private const string LeadKind = "lead";
    private const string EventKind = "event";
    private const int MaxBatch = 100; // entity-group transaction limit

    private readonly TableClient _table = storage.Table(TableNames.Leads);

    public async Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken) =>
        await CreateAsync(lead, firstEvent, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// As <see cref="TryCreateAsync"/>, returning the stored lead with its ETag (null when the lead already exists): the
    /// KPI projection buffer uses the ETag to tell that the lead's later saves followed this one with nobody between.
    /// </summary>
    public async Task<StoredLead?> CreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken)
    {
        var row = ToEntity(lead);
        // The lead is queued for screening right after this: the sweeper reads the mark (TableStrandedLeads).
        row[TableStrandedLeads.QueuedAtColumn] = lead.CapturedAt;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        actions.AddRange(EventEntities(lead.Id, [firstEvent]).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return new StoredLead(lead, response.Value[0].Headers.ETag?.ToString() ?? "");
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(LeadPartition.For(id), id.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? new StoredLead(FromEntity(entity), entity.ETag.ToString()) : null;
    }

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    public async Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<LeadMailRow> mail, CancellationToken cancellationToken)
    {
        var entity = ToEntity(updated);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, entity, new ETag(current.ETag)) };
        actions.AddRange(EventEntities(updated.Id, events).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        // The lead's outbox rows share its partition: a claim or a sent mark costs no call of its own.
        actions.AddRange(mail.Select(row => LeadMailRows.ActionFor(updated.Id, row)));
        if (updated.Purged is not null && current.Lead.Purged is null)
        {
            actions.AddRange(await RedactedEventsAsync(updated.Id, MaxBatch - actions.Count, cancellationToken).ConfigureAwait(false));
        }
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var etag = response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The table service returned no ETag.");
            return new StoredLead(updated, etag.ToString());
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            throw new LeadChangedConcurrentlyException(updated.Id);
        }
    }

    /// <summary>
    /// The lead's earlier events whose text a purge removes, as updates for the purge's own batch; when there are more
    /// than <paramref name="room"/>, the oldest are rewritten first in batches of their own. Rewriting an event is
    /// idempotent, so a purge that fails after those batches leaves nothing a second purge can't finish; the lead row,
    /// marked purged, is written last, with the rest.
    /// </summary>
    private async Task<List<TableTransactionAction>> RedactedEventsAsync(LeadId id, int room, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition.For(id)} and RowKey gt {id.Value + "|e|"} and RowKey lt {id.Value + "|e|~"}");
        var changed = new List<TableTransactionAction>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var before = EventFromEntity(row);
            var after = Core.Privacy.LeadRedaction.Redact(before);
            if (after == before) continue;
            row["Detail"] = after.Detail;
            changed.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
        }
        while (changed.Count > room)
        {
            var first = changed.Take(Math.Min(MaxBatch, changed.Count - room)).ToList();
            await _table.SubmitTransactionAsync(first, cancellationToken).ConfigureAwait(false);
            changed.RemoveRange(0, first.Count);
        }
        return changed;
    }

    public async Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition.For(id)} and RowKey gt {id.Value + "|e|"} and RowKey lt {id.Value + "|e|~"}");
        var events = new List<LeadEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(EventFromEntity(entity));
        }
        return events;
    }

    public async IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (low, high) = LeadPartition.MonthRange(from, before);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {low} and PartitionKey lt {high} and Kind eq {LeadKind} and Status eq {WireNames.Of(status)} and CapturedAt ge {from} and CapturedAt lt {before}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredLead(FromEntity(entity), entity.ETag.ToString());
        }
    }

    private static TableEntity ToEntity(Lead lead)
    {
        var entity = new TableEntity(LeadPartition.For(lead.Id), lead.Id.Value)
        {
            ["Kind"] = LeadKind,
            ["Status"] = WireNames.Of(lead.Status),
            ["Intent"] = lead.Intent is { } intent ? WireNames.Of(intent) : null,
            ["Channel"] = WireNames.Of(lead.Channel),
            ["Provider"] = lead.Provider,
            ["CapturedAt"] = lead.CapturedAt,
            ["AssignedRep"] = lead.Assignment?.RepEmail,
            ["SchemaVersion"] = 1,
        };
        var json = JsonSerializer.Serialize(lead, LeadJson.Options);
        int chunks = 0;
        for (int offset = 0; offset < json.Length; offset += ChunkChars, chunks++)
        {
            entity[$"Data{chunks}"] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }
        entity["DataChunks"] = chunks;
        return entity;
    }

    /// <summary>One audit event row (RowKey <c>id|e|…</c>) as its event.</summary>
    internal static LeadEvent EventFromEntity(TableEntity entity) => new(
        WireNames.Parse<LeadEventType>(entity.GetString("Type")),
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Actor"),
        entity.GetString("Detail"));

    internal static Lead FromEntity(TableEntity entity)
    {
        int chunks = entity.GetInt32("DataChunks") ?? 0;
        var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Data{i}")));
        return JsonSerializer.Deserialize<Lead>(json, LeadJson.Options)
            ?? throw new InvalidDataException($"Lead row {entity.RowKey} has no data.");
    }

    // RowKey: time, then the event's place in its save, then a random suffix. Two saves can carry the same time (a
    // coarse or frozen clock, two stages within one tick): without the suffix their events would share a RowKey and
    // the second save would fail with 409 forever. Events keep time order; only same-tick events of different saves
    // may list in either order.
    private static IEnumerable<TableEntity> EventEntities(LeadId id, IReadOnlyList<LeadEvent> events) =>
        events.Select((e, index) => new TableEntity(LeadPartition.For(id),
            $"{id.Value}|e|{e.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}{index:D2}{Random.Shared.Next(0x10000):x4}")
        {
            ["Kind"] = EventKind,
            ["Type"] = WireNames.Of(e.Type),
            ["At"] = e.At,
            ["Actor"] = e.Actor,
            ["Detail"] = e.Detail,
        });
}
