using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Signs and checks the rep pages' links: <c>{PublicBaseUrl}/api/rep/leads/{id}/{action}?t={token}</c> for actions
/// (one-time) and <c>{PublicBaseUrl}/api/rep/leads/{id}?t={token}</c> for the lead page (many times, bound to the
/// assignment: <see cref="LeadPageLinks"/>).
/// </summary>
public sealed class RepLinks(IOptionsMonitor<LinksOptions> links, IOptionsMonitor<IntakeOptions> intake, TimeProvider time)
{
    private ActionLinkSigner Signer => new(links.CurrentValue.KeyBytes());

    private string BaseUrl => intake.CurrentValue.PublicBaseUrl.TrimEnd('/');

    private DateTimeOffset ExpiresAt => time.GetUtcNow() + links.CurrentValue.Lifetime;

    public string ActionBase(LeadId id) => $"{BaseUrl}/api/rep/leads/{id.Value}";

    /// <summary>The rep's lead page for their current assignment; a reassignment revokes it.</summary>
    public string LeadPage(LeadId id, RepAssignment assignment) =>
        PageUrl(id, assignment.RepEmail, LeadPageLinks.NonceFor(assignment));

    /// <summary>The lead page for someone who watches without owning the lead (the team manager): read-only.</summary>
    public string ObserverPage(LeadId id, string email) => PageUrl(id, email, LeadPageLinks.ObserverNonce);

    /// <summary>The four links of a routed-lead or reminder mail, each with its own nonce, and the lead page.</summary>
    public RepActionLinks ForMail(LeadId id, RepAssignment assignment) =>
        RepActionLinks.Create(Signer, ActionBase(id), LeadPage(id, assignment), id, assignment.RepEmail, ExpiresAt);

    /// <summary>One fresh link, for the next steps offered on a rep page.</summary>
    public string For(LeadId id, string repEmail, RepAction action)
    {
        var token = Signer.Sign(new ActionLinkClaims(id, repEmail, action, ExpiresAt, ActionLinkSigner.NewNonce()));
        return $"{ActionBase(id)}/{WireNames.Of(action)}?t={token}";
    }

    public ActionLinkVerification Verify(string? token, LeadId id, RepAction action) => Signer.Verify(token, id, action, time.GetUtcNow());

    private string PageUrl(LeadId id, string email, string nonce) =>
        $"{ActionBase(id)}?t={Signer.Sign(new ActionLinkClaims(id, email, RepAction.View, ExpiresAt, nonce))}";
}
