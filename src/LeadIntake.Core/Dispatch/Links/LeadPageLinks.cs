using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Links;

/// <summary>
/// The rule of the rep's lead page link (<see cref="RepAction.View"/>). It is not one-time (a rep opens it many
/// times), so its nonce is not a random token id but the assignment it was signed for: <c>a{assignedAt unix ms}</c>,
/// or <c>observer</c> for a manager. A reassignment changes the lead's assignment, which revokes every owner link
/// signed before it without storing anything. Pure.
/// </summary>
public static class LeadPageLinks
{
    public const string ObserverNonce = "observer";

    public static string NonceFor(RepAssignment assignment) =>
        "a" + assignment.AssignedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static LeadPageAccess Decide(ActionLinkClaims claims, Lead lead)
    {
        if (claims.Nonce == ObserverNonce) return LeadPageAccess.Observer;
        if (lead.Assignment is not { } current) return LeadPageAccess.Reassigned;
        if (!string.Equals(current.RepEmail, claims.RepEmail, StringComparison.OrdinalIgnoreCase)) return LeadPageAccess.Reassigned;
        return claims.Nonce == NonceFor(current) ? LeadPageAccess.Owner : LeadPageAccess.Outdated;
    }
}
