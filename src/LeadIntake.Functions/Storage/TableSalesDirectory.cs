using System.IO.Compression;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The sales directory in Table Storage: the whole seed-format document (docs/dispatch.md, "Seed format") as ONE
/// entity of the <c>Teams</c> table (PartitionKey <c>directory</c>, RowKey <c>current</c>), gzip-compressed JSON in
/// binary properties <c>Data0..DataN</c>. One entity is what makes a change atomic: a seed replaces reps, teams and
/// rules in one write, or not at all (a failure midway can't leave half a directory, as one row per rep written in
/// parallel could), and an item change is a read-modify-write guarded by the entity's ETag, so two admins can't lose
/// each other's change. Reading is one point read. An entity holds 1 MiB, so the compressed document is capped at
/// <see cref="MaxStoredBytes"/> (a few tens of thousands of reps). Loading reassembles the seed document and parses it
/// with <see cref="Core.Dispatch.Directory.SalesDirectorySeed"/>: one validation for the seed endpoint, the item endpoints and
/// what dispatch reads.
/// </summary>
/// <remarks>
/// Directories stored by earlier versions, one row per rep (<c>SalesReps</c>, <c>rep</c>) and per team (<c>Teams</c>,
/// <c>team</c> and <c>rules</c>), are read as long as no directory entity exists; the first change writes the entity,
/// and a seed then deletes the old rows (best effort: once the entity exists they are never read again).
/// </remarks>
internal sealed class TableSalesDirectory(StorageAccount storage)
{
    public const string DirectoryPartition = "directory";
    public const string DirectoryRow = "current";
    /// <summary>Compressed bytes of one directory: under an entity's 1 MiB with room for its other properties.</summary>
    public const int MaxStoredBytes = 900_000;
    private const int ChunkBytes = 64_000; // a binary property holds 64 KiB

    private const string LegacyRepPartition = "rep";
    private const string LegacyTeamPartition = "team";
    private const string LegacyRulesPartition = "rules";

    private readonly TableClient _reps = storage.Table(TableNames.SalesReps);
    private readonly TableClient _teams = storage.Table(TableNames.Teams);

    /// <summary>The stored items as a seed document: <c>{defaultTeam, reps, teams, rules}</c>.</summary>
    public async Task<JsonObject> ReadSeedAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Seed;

    /// <summary>The stored directory with the ETag a change must carry (null while no directory entity exists yet).</summary>
    public async Task<StoredDirectory> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await _teams.GetEntityIfExistsAsync<TableEntity>(DirectoryPartition, DirectoryRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.HasValue && response.Value is { } entity) return new StoredDirectory(Decode(entity), entity.ETag.ToString());
        return new StoredDirectory(await ReadLegacyAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Writes <paramref name="seed"/> if the directory is still the one read with <paramref name="etag"/>.</summary>
    public async Task<DirectoryWriteOutcome> TryWriteAsync(JsonObject seed, string? etag, CancellationToken cancellationToken)
    {
        if (Encode(seed) is not { } entity) return DirectoryWriteOutcome.TooLarge;
        try
        {
            if (etag is null) await _teams.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            else await _teams.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return DirectoryWriteOutcome.Written;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return DirectoryWriteOutcome.ChangedConcurrently;
        }
    }

    /// <summary>Replaces the whole directory with a seed in one write. Rotations are kept (keyed by team, by rep email).</summary>
    public async Task<DirectoryWriteOutcome> ReplaceAsync(JsonObject seed, CancellationToken cancellationToken)
    {
        if (Encode(seed) is not { } entity) return DirectoryWriteOutcome.TooLarge;
        await _teams.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await DeleteLegacyRowsAsync(cancellationToken).ConfigureAwait(false);
        return DirectoryWriteOutcome.Written;
    }

    private static TableEntity? Encode(JsonObject seed)
    {
        var document = new JsonObject
        {
            ["defaultTeam"] = seed["defaultTeam"]?.DeepClone(),
            ["reps"] = Sorted(seed["reps"], "email"),
            ["teams"] = Sorted(seed["teams"], "id"),
            ["rules"] = seed["rules"]?.DeepClone() ?? new JsonArray(),
        };
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()));
        }
        if (compressed.Length > MaxStoredBytes) return null;
        var bytes = compressed.ToArray();
        var entity = new TableEntity(DirectoryPartition, DirectoryRow) { ["Format"] = "seed+json+gzip" };
        int chunks = 0;
        for (int offset = 0; offset < bytes.Length; offset += ChunkBytes, chunks++)
        {
            entity[$"Data{chunks}"] = bytes.AsSpan(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
        }
        entity["DataChunks"] = chunks;
        return entity;
    }

    private static JsonObject Decode(TableEntity entity)
    {
        int chunks = entity.GetInt32("DataChunks") ?? 0;
        using var compressed = new MemoryStream();
        for (int i = 0; i < chunks; i++) compressed.Write(entity.GetBinary($"Data{i}") ?? []);
        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        return JsonNode.Parse(gzip) as JsonObject ?? throw new InvalidDataException("The stored sales directory is not a JSON object.");
    }

    /// <summary>Reps by email, teams by id (ordinal, lower-case): the order the one-row-per-item layout listed them in.</summary>
    private static JsonArray Sorted(JsonNode? items, string key) =>
        [.. (items as JsonArray ?? []).Select(i => i?.DeepClone())
            .OrderBy(i => (i?[key] as JsonValue)?.TryGetValue<string>(out var k) == true ? k.ToLowerInvariant() : "", StringComparer.Ordinal)];

    private async Task<JsonObject> ReadLegacyAsync(CancellationToken cancellationToken)
    {
        var reps = new JsonArray();
        var repFilter = TableClient.CreateQueryFilter($"PartitionKey eq {LegacyRepPartition}");
        await foreach (var e in _reps.QueryAsync<TableEntity>(repFilter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            reps.Add(JsonNode.Parse(e.GetString("Data") ?? "{}"));
        }
        var teams = new JsonArray();
        JsonObject? rules = null;
        var teamFilter = TableClient.CreateQueryFilter($"PartitionKey eq {LegacyTeamPartition} or PartitionKey eq {LegacyRulesPartition}");
        await foreach (var e in _teams.QueryAsync<TableEntity>(teamFilter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.PartitionKey == LegacyTeamPartition) teams.Add(JsonNode.Parse(e.GetString("Data") ?? "{}"));
            else rules = JsonNode.Parse(e.GetString("Data") ?? "{}") as JsonObject;
        }
        return new JsonObject
        {
            ["defaultTeam"] = rules?["defaultTeam"]?.DeepClone(),
            ["reps"] = reps,
            ["teams"] = teams,
            ["rules"] = rules?["rules"]?.DeepClone() ?? new JsonArray(),
        };
    }

    private async Task DeleteLegacyRowsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var repFilter = TableClient.CreateQueryFilter($"PartitionKey eq {LegacyRepPartition}");
            await foreach (var e in _reps.QueryAsync<TableEntity>(repFilter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await _reps.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            var teamFilter = TableClient.CreateQueryFilter($"PartitionKey eq {LegacyTeamPartition} or PartitionKey eq {LegacyRulesPartition}");
            await foreach (var e in _teams.QueryAsync<TableEntity>(teamFilter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await _teams.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException)
        {
            // Best effort: the directory entity exists now, so the old rows are never read again.
        }
    }
}
