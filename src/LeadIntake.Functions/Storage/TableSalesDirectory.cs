using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Dispatch;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The sales directory in Table Storage, each item kept as its seed-format JSON (docs/dispatch.md, "Seed format"):
/// reps in <c>SalesReps</c> (PartitionKey <c>rep</c>, RowKey lower-case email), teams in <c>Teams</c> (<c>team</c>,
/// lower-case id) and the ordered rules with the default team as one entity (<c>rules</c>/<c>current</c>: order
/// matters, so they change together). Loading reassembles a seed document and parses it with
/// <see cref="SalesDirectorySeed"/>: one validation for the seed endpoint, the item endpoints and what dispatch reads.
/// </summary>
public sealed class TableSalesDirectory(StorageAccount storage)
{
    public const string RepPartition = "rep";
    public const string TeamPartition = "team";
    public const string RulesPartition = "rules";
    public const string RulesRow = "current";

    private readonly TableClient _reps = storage.Table(TableNames.SalesReps);
    private readonly TableClient _teams = storage.Table(TableNames.Teams);

    /// <summary>The stored items as a seed document: <c>{defaultTeam, reps, teams, rules}</c>.</summary>
    public async Task<JsonObject> ReadSeedAsync(CancellationToken cancellationToken)
    {
        var reps = new JsonArray();
        var repFilter = TableClient.CreateQueryFilter($"PartitionKey eq {RepPartition}");
        await foreach (var e in _reps.QueryAsync<TableEntity>(repFilter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            reps.Add(JsonNode.Parse(e.GetString("Data") ?? "{}"));
        }
        var teams = new JsonArray();
        JsonObject? rules = null;
        var teamFilter = TableClient.CreateQueryFilter($"PartitionKey eq {TeamPartition} or PartitionKey eq {RulesPartition}");
        await foreach (var e in _teams.QueryAsync<TableEntity>(teamFilter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.PartitionKey == TeamPartition) teams.Add(JsonNode.Parse(e.GetString("Data") ?? "{}"));
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

    public Task UpsertRepAsync(string email, JsonNode rep, CancellationToken cancellationToken) =>
        _reps.UpsertEntityAsync(new TableEntity(RepPartition, email.ToLowerInvariant()) { ["Data"] = rep.ToJsonString() }, TableUpdateMode.Replace, cancellationToken);

    public Task UpsertTeamAsync(string id, JsonNode team, CancellationToken cancellationToken) =>
        _teams.UpsertEntityAsync(new TableEntity(TeamPartition, id.ToLowerInvariant()) { ["Data"] = team.ToJsonString() }, TableUpdateMode.Replace, cancellationToken);

    public Task UpsertRulesAsync(string? defaultTeam, JsonArray rules, CancellationToken cancellationToken) =>
        _teams.UpsertEntityAsync(new TableEntity(RulesPartition, RulesRow)
        {
            ["Data"] = new JsonObject { ["defaultTeam"] = defaultTeam, ["rules"] = rules.DeepClone() }.ToJsonString(),
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Replaces the whole directory with a seed: upserts its items, deletes the others. Rotations are kept (keyed by email).</summary>
    public async Task ReplaceAsync(JsonObject seed, CancellationToken cancellationToken)
    {
        var current = await ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        var reps = (seed["reps"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var teams = (seed["teams"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var keepReps = reps.Select(r => Key(r, "email")).ToHashSet();
        var keepTeams = teams.Select(t => Key(t, "id")).ToHashSet();
        var work = new List<Task>();
        work.AddRange(reps.Select(r => UpsertRepAsync(Key(r, "email"), r, cancellationToken)));
        work.AddRange(teams.Select(t => UpsertTeamAsync(Key(t, "id"), t, cancellationToken)));
        work.Add(UpsertRulesAsync(seed["defaultTeam"]?.GetValue<string>(), seed["rules"] as JsonArray ?? [], cancellationToken));
        foreach (var old in (current["reps"] as JsonArray ?? []).OfType<JsonObject>().Select(r => Key(r, "email")).Where(k => !keepReps.Contains(k)))
        {
            work.Add(_reps.DeleteEntityAsync(RepPartition, old, ETag.All, cancellationToken));
        }
        foreach (var old in (current["teams"] as JsonArray ?? []).OfType<JsonObject>().Select(t => Key(t, "id")).Where(k => !keepTeams.Contains(k)))
        {
            work.Add(_teams.DeleteEntityAsync(TeamPartition, old, ETag.All, cancellationToken));
        }
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private static string Key(JsonObject item, string property) => (item[property]?.GetValue<string>() ?? "").ToLowerInvariant();
}
