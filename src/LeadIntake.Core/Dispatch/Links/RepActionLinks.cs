using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Links;

/// <summary>The signed one-time links of a routed-lead mail, plus the rep's signed lead page (<see cref="LeadPageLinks"/>).</summary>
public sealed record RepActionLinks(string Accept, string Qualify, string Disqualify, string Nurture, string Lead)
{
    /// <summary>
    /// One token per action, each with its own nonce so each link is one-time on its own:
    /// <c>{actionBaseUrl}/{action}?t={token}</c>.
    /// </summary>
    /// <param name="actionBaseUrl">Where the rep pages live, e.g. <c>https://leads.example.com/api/rep/leads/{id}</c>, no trailing slash.</param>
    /// <param name="newNonce">Defaults to <see cref="ActionLinkSigner.NewNonce"/>; tests pass a fixed one.</param>
    public static RepActionLinks Create(
        ActionLinkSigner signer, string actionBaseUrl, string leadUrl, LeadId leadId, string repEmail, DateTimeOffset expiresAt, Func<string>? newNonce = null)
    {
        newNonce ??= ActionLinkSigner.NewNonce;
        string Link(RepAction action)
        {
            var token = signer.Sign(new ActionLinkClaims(leadId, repEmail, action, expiresAt, newNonce()));
            return $"{actionBaseUrl.TrimEnd('/')}/{WireNames.Of(action)}?t={token}";
        }
        return new RepActionLinks(Link(RepAction.Accept), Link(RepAction.Qualify), Link(RepAction.Disqualify), Link(RepAction.Nurture), leadUrl);
    }
}
