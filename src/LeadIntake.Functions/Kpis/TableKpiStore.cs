using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The KPI projections in Table Storage. A month is one partition (<c>m{yyyyMM}</c>) holding aggregate rows
/// <c>agg-{shard}-{family}</c> (16 lead shards, so concurrent saves rarely contend for one ETag; one row per family of
/// counters, so none nears 1 MiB) whose counters are JSON, and one marker row per projected event
/// (<c>e-{leadId}-{eventKey}</c>). A delta is applied in ONE entity-group transaction: insert the markers, replace
/// the shard's touched aggregate rows with their ETags. A marker that exists (409)
/// means the delta was applied before: nothing changes. A month's page reads 16 rows per month, never a lead.
/// </summary>
internal sealed class TableKpiStore(StorageAccount storage)
{
    private const int ChunkChars = 30_000;
    private const string AggregatePrefix = "agg-";
    private const string MetaRow = "meta";
    private readonly TableClient _table = storage.Table(TableNames.Kpis);
    private readonly TableClient _inputs = storage.Table(TableNames.KpiInputs);

    public static string PartitionOf(KpiMonth month) => "m" + month.Key;

    public static string ShardOf(LeadId id) => LeadPartition.For(id)[^1..];

    /// <summary>
    /// Applies the deltas of several leads of one shard to one month, in as few entity-group transactions as the
    /// 100-operation limit allows (one per flush, almost always): the leads' marker rows plus the shard's touched
    /// aggregate rows. A lead whose marker is already there (409 on it) was counted before, by an earlier flush whose
    /// answer was lost or by another instance: it is left out and the rest retried. Returns the storage transactions
    /// used and the leads applied now.
    /// </summary>
    public async Task<(int Transactions, IReadOnlyList<LeadId> Applied)> ApplyManyAsync(
        KpiMonth month, string shard, IReadOnlyList<KpiLeadDelta> leads, CancellationToken cancellationToken)
    {
        int transactions = 0;
        var applied = new List<LeadId>();
        foreach (var chunk in ChunksOf(leads))
        {
            var (used, done) = await ApplyChunkAsync(month, shard, chunk, cancellationToken).ConfigureAwait(false);
            transactions += used;
            applied.AddRange(done);
        }
        return (transactions, applied);
    }

    // The rows of the shards this instance wrote last, with the ETags the batch returned: the next flush of the shard
    // needs no query. Only the newest months are kept (a flush writes the current month, rarely the one before).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Partition, string Shard), Dictionary<string, TableEntity>> _written = new();
    private const int MonthsRemembered = 2;

    private void Remember(string partition, string shard, Dictionary<string, TableEntity> rows, List<TableTransactionAction> actions, int markers, IReadOnlyList<Response> answers)
    {
        if (answers.Count != actions.Count)
        {
            _written.TryRemove((partition, shard), out _);
            return;
        }
        for (int i = markers; i < actions.Count; i++)
        {
            if (answers[i].Headers.ETag is not { } etag)
            {
                _written.TryRemove((partition, shard), out _);
                return;
            }
            ((TableEntity)actions[i].Entity).ETag = etag;
        }
        _written[(partition, shard)] = rows;
        var months = _written.Keys.Select(k => k.Partition).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var old in months.SkipLast(MonthsRemembered))
        {
            foreach (var key in _written.Keys.Where(k => k.Partition == old)) _written.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets the rows remembered from this instance's writes (after the recomputation replaced them, or in tests).</summary>
    public void ForgetWrittenRows() => _written.Clear();

    // One batch holds at most 100 operations: the markers of the chunk's leads plus one row per family they touch.
    private static IEnumerable<List<KpiLeadDelta>> ChunksOf(IReadOnlyList<KpiLeadDelta> leads)
    {
        var chunk = new List<KpiLeadDelta>();
        var families = new HashSet<string>(StringComparer.Ordinal);
        int markers = 0;
        foreach (var lead in leads)
        {
            var own = lead.Cells.Keys.Select(FamilyOf).ToHashSet(StringComparer.Ordinal);
            int keys = lead.EventKeys.Distinct(StringComparer.Ordinal).Count();
            if (chunk.Count > 0 && markers + keys + families.Union(own, StringComparer.Ordinal).Count() > MaxBatch)
            {
                yield return chunk;
                chunk = [];
                families.Clear();
                markers = 0;
            }
            chunk.Add(lead);
            families.UnionWith(own);
            markers += keys;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private const int MaxBatch = 100;

    private async Task<(int Transactions, List<LeadId> Applied)> ApplyChunkAsync(
        KpiMonth month, string shard, List<KpiLeadDelta> leads, CancellationToken cancellationToken)
    {
        int transactions = 0;
        string partition = PartitionOf(month);
        for (int attempt = 0; leads.Count > 0; attempt++)
        {
            // The shard's rows as this instance last wrote them (their ETags from that batch's answer), or one query
            // for every family row of the shard (a few rows of one partition): one transaction. Another writer since
            // (an instance, the recomputation) makes the batch fail on an ETag, and the rows are read again.
            if (!_written.TryGetValue((partition, shard), out var existing))
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {AggregatePrefix + shard + "-"} and RowKey lt {AggregatePrefix + shard + "-~"}");
                existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false)) existing[entity.RowKey] = entity;
                transactions++;
            }
            var actions = new List<TableTransactionAction>();
            var ownerOfMarker = new List<int>();
            for (int i = 0; i < leads.Count; i++)
            {
                foreach (var key in leads[i].EventKeys.Distinct(StringComparer.Ordinal))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"e-{leads[i].Lead.Value}-{key}")));
                    ownerOfMarker.Add(i);
                }
            }
            int markers = actions.Count;
            var written = new Dictionary<string, TableEntity>(existing, StringComparer.Ordinal);
            var families = leads.SelectMany(l => l.Cells).GroupBy(d => FamilyOf(d.Key), StringComparer.Ordinal);
            foreach (var changes in families)
            {
                string row = $"{AggregatePrefix}{shard}-{changes.Key}";
                var cells = existing.TryGetValue(row, out var current) ? ReadCells(current) : new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (key, n) in changes)
                {
                    long value = cells.GetValueOrDefault(key) + n;
                    if (value == 0) cells.Remove(key);
                    else cells[key] = value;
                }
                var aggregate = WriteCells(new TableEntity(partition, row), cells);
                written[row] = aggregate;
                actions.Add(current is not null
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, aggregate, current.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, aggregate));
            }
            try
            {
                var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                Remember(partition, shard, written, actions, markers, response.Value);
                return (transactions + 1, leads.Select(l => l.Lead).ToList());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever happened, the rows are read again next time.
                _written.TryRemove((partition, shard), out _);
                if (e is not TableTransactionFailedException { Status: 409 or 412 } failed) throw;
                transactions++;
                // A marker already there: that lead's delta was applied before; leave it out. An aggregate changed
                // under us (412, or 409 on its insert): read again and retry.
                if (failed.Status == 409 && failed.FailedTransactionActionIndex is { } index && index < markers)
                {
                    leads = leads.Where((_, i) => i != ownerOfMarker[index]).ToList();
                }
                else if (attempt >= 20) throw;
            }
        }
        return (transactions, []);
    }

    /// <summary>
    /// Counters are kept in one row per shard and family (the key's first word: o, p, c, v, ve, s, sh, r…), so no row
    /// nears the 1 MiB entity limit however many sources, campaigns and reps a month has.
    /// </summary>
    public static string FamilyOf(string key) => key[..key.IndexOf('|', StringComparison.Ordinal)] switch
    {
        "ra" or "rc" or "rb" or "rw" or "rs" => "r",
        var word => word,
    };

    /// <summary>The counters of a month, all shards added up (one query: the 16 aggregate rows of the partition).</summary>
    public async Task<Dictionary<string, long>> ReadMonthAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, entity) in await ReadShardsAsync(month, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (key, n) in ReadCells(entity)) total[key] = total.GetValueOrDefault(key) + n;
        }
        return total;
    }

    public async Task<Dictionary<string, TableEntity>> ReadShardsAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(month);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {AggregatePrefix} and RowKey lt {AggregatePrefix + "~"}");
        var shards = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            shards[entity.RowKey[AggregatePrefix.Length..]] = entity; // "{shard}-{family}"
        }
        return shards;
    }

    /// <summary>
    /// Replaces a month's rows (keyed <c>{shard}-{family}</c>) with recomputed counters. Each write carries the ETag read before the recomputation
    /// started, so a projection that landed meanwhile makes it fail (412) instead of being overwritten. Returns whether
    /// anything changed.
    /// </summary>
    public async Task<bool> ReplaceMonthAsync(
        KpiMonth month, IReadOnlyDictionary<string, TableEntity> before, IReadOnlyDictionary<string, Dictionary<string, long>> shards, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(month);
        ForgetWrittenRows();
        var actions = new List<TableTransactionAction>();
        foreach (var shard in before.Keys.Union(shards.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var old = before.TryGetValue(shard, out var o) ? ReadCells(o) : [];
            var now = shards.TryGetValue(shard, out var n) ? n : [];
            if (SameCells(old, now)) continue;
            var entity = WriteCells(new TableEntity(partition, AggregatePrefix + shard), now);
            actions.Add(o is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, o.ETag));
        }
        if (actions.Count == 0) return false;
        // A batch holds at most 100 operations; each chunk still carries its ETags, so a projection that landed
        // meanwhile fails its chunk (412) and the recomputation reads the month again.
        foreach (var chunk in actions.Chunk(MaxBatch)) await _table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<DateTimeOffset?> RestatedAtAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var meta = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(month), MetaRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return meta.HasValue && meta.Value is { } m ? m.GetDateTimeOffset("RestatedAt") : null;
    }

    public Task MarkRestatedAsync(KpiMonth month, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(PartitionOf(month), MetaRow) { ["RestatedAt"] = at }, TableUpdateMode.Merge, cancellationToken);

    // Inputs: spend lines and visitors.

    public async Task UpsertSpendAsync(IReadOnlyList<SpendLine> lines, CancellationToken cancellationToken)
    {
        foreach (var month in lines.GroupBy(l => l.Month))
        {
            foreach (var batch in month.DistinctBy(l => l.IdentityKey).Chunk(MaxBatch))
            {
                var actions = batch.Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"spend-{l.Month.Key}", TableKey.Encode(l.IdentityKey))
                {
                    ["Channel"] = WireNames.Of(l.Channel),
                    ["Source"] = l.Source,
                    ["Campaign"] = l.Campaign,
                    ["Kind"] = WireNames.Of(l.Kind),
                    ["Amount"] = l.Amount.ToString(CultureInfo.InvariantCulture),
                    ["Currency"] = l.Currency,
                }));
                await _inputs.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<List<SpendLine>> ReadSpendAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var lines = new List<SpendLine>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"spend-" + month.Key}");
        await foreach (var e in _inputs.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            lines.Add(new SpendLine(month, WireNames.Parse<Channel>(e.GetString("Channel")), e.GetString("Source"), e.GetString("Campaign") ?? "",
                WireNames.Parse<SpendKind>(e.GetString("Kind")), decimal.Parse(e.GetString("Amount"), CultureInfo.InvariantCulture), e.GetString("Currency")));
        }
        return lines;
    }

    public Task SetVisitorsAsync(KpiMonth month, long visitors, CancellationToken cancellationToken) =>
        _inputs.UpsertEntityAsync(new TableEntity("visitors", month.Key) { ["Visitors"] = visitors }, TableUpdateMode.Replace, cancellationToken);

    public async Task<long?> VisitorsAsync(KpiMonth month, CancellationToken cancellationToken)
    {
        var entity = await _inputs.GetEntityIfExistsAsync<TableEntity>("visitors", month.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue && entity.Value is { } v ? v.GetInt64("Visitors") : null;
    }

    internal static Dictionary<string, long> ReadCells(TableEntity entity)
    {
        int chunks = entity.GetInt32("DataChunks") ?? 0;
        if (chunks == 0) return new Dictionary<string, long>(StringComparer.Ordinal);
        var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Data{i}")));
        return JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? new Dictionary<string, long>(StringComparer.Ordinal);
    }

    private static TableEntity WriteCells(TableEntity entity, Dictionary<string, long> cells)
    {
        var json = JsonSerializer.Serialize(cells);
        int chunks = 0;
        for (int offset = 0; offset < json.Length; offset += ChunkChars, chunks++)
        {
            entity[$"Data{chunks}"] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }
        entity["DataChunks"] = chunks;
        return entity;
    }

    private static bool SameCells(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Where(c => c.Value != 0).Count() == b.Where(c => c.Value != 0).Count() && a.Where(c => c.Value != 0).All(c => b.GetValueOrDefault(c.Key) == c.Value);
}

/// <summary>One lead's change to the counters of one month and shard, and the keys of the events it comes from (its markers).</summary>
internal sealed record KpiLeadDelta(LeadId Lead, IReadOnlyDictionary<string, long> Cells, IReadOnlyList<string> EventKeys);
