namespace LeadIntake.Core.Dispatch.Links;

/// <summary>Makes action links one-time: a link's nonce is claimed by insert (409 = used before).</summary>
public interface IUsedLinks
{
    /// <summary>True when this call claimed the nonce; false when the link was used before.</summary>
    Task<bool> TryUseAsync(ActionLinkClaims claims, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> IsUsedAsync(ActionLinkClaims claims, CancellationToken cancellationToken);

    /// <summary>Gives the nonce back when the action it was claimed for could not be saved.</summary>
    Task ReleaseAsync(ActionLinkClaims claims, CancellationToken cancellationToken);
}
