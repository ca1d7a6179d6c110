using Azure.Data.Tables;
using Azure;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>Used action-link nonces (PartitionKey = nonce, RowKey empty): insert first, 409 = used before (docs/conventions.md, 'Insert first').</summary>
internal sealed class TableUsedLinks(StorageAccount storage) : IUsedLinks
{
    private readonly TableClient _table = storage.Table(TableNames.UsedLinks);

    public async Task<bool> TryUseAsync(ActionLinkClaims claims, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Encode(claims.Nonce), "")
        {
            ["LeadId"] = claims.LeadId.Value,
            ["Action"] = WireNames.Of(claims.Action),
            ["UsedAt"] = now,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsUsedAsync(ActionLinkClaims claims, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Encode(claims.Nonce), "", select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task ReleaseAsync(ActionLinkClaims claims, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(TableKey.Encode(claims.Nonce), "", ETag.All, cancellationToken).ConfigureAwait(false);
}
