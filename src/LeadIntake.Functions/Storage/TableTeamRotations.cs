using System.Collections.Immutable;
using System.Text.Json;
using Azure.Data.Tables;
using Azure;
using LeadIntake.Core.Dispatch.Assignment;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// One rotation entity per team in the <c>Teams</c> table (PartitionKey <c>rotation</c>, RowKey the lower-case team
/// id through <see cref="TableKey"/>), its state as JSON. Saved with the ETag (insert when new): two dispatchers can't both spend the same turn.
/// </summary>
internal sealed class TableTeamRotations(StorageAccount storage) : ITeamRotations
{
    private const string Partition = "rotation";
    private readonly TableClient _table = storage.Table(TableNames.Teams);

    public async Task<StoredRotation> LoadAsync(string teamId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKey.Encode(teamId.ToLowerInvariant()), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity) return new StoredRotation(TeamRotation.Start(teamId), null);
        var state = JsonSerializer.Deserialize<RotationState>(entity.GetString("Data") ?? "{}", JsonSerializerOptions.Web) ?? new RotationState(0, 0, []);
        var rotation = new TeamRotation(teamId, state.Pointer, state.VirtualTime,
            ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, state.Reps));
        return new StoredRotation(rotation, entity.ETag.ToString());
    }

    public async Task<bool> TrySaveAsync(StoredRotation current, TeamRotation updated, CancellationToken cancellationToken)
    {
        var state = new RotationState(updated.Pointer, updated.VirtualTime, new Dictionary<string, RepRotationState>(updated.Reps, StringComparer.OrdinalIgnoreCase));
        var entity = new TableEntity(Partition, TableKey.Encode(updated.TeamId.ToLowerInvariant())) { ["Data"] = JsonSerializer.Serialize(state, JsonSerializerOptions.Web) };
        try
        {
            if (current.ETag is null) await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            else await _table.UpdateEntityAsync(entity, new ETag(current.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private sealed record RotationState(long Pointer, long VirtualTime, Dictionary<string, RepRotationState> Reps);
}
