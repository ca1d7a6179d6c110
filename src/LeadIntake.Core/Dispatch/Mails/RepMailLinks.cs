using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>
/// Signs the links a rep or manager mail carries: the action links (one-time, a random nonce each) and the lead page
/// (bound to the assignment: <see cref="LeadPageLinks"/>), valid for <see cref="Lifetime"/> from the moment the mail is
/// composed. The key and the public base URL are settings the Functions layer reads; this holds them as values.
/// </summary>
/// <param name="publicBaseUrl">Where the app is reached from a mail, e.g. <c>https://leads.example.com</c>.</param>
public sealed class RepMailLinks(ActionLinkSigner signer, string publicBaseUrl, TimeSpan lifetime)
{
    private readonly string _baseUrl = publicBaseUrl.TrimEnd('/');

    public TimeSpan Lifetime => lifetime;

    /// <summary><c>{base}/api/rep/leads/{id}</c>: the rep pages of one lead.</summary>
    public string ActionBase(LeadId id) => $"{_baseUrl}/api/rep/leads/{id.Value}";

    /// <summary>The rep's lead page for their current assignment; a reassignment revokes it.</summary>
    public string LeadPage(LeadId id, RepAssignment assignment, DateTimeOffset now) =>
        PageUrl(id, assignment.RepEmail, LeadPageLinks.NonceFor(assignment), now);

    /// <summary>The lead page for someone who watches without owning the lead (the team manager): read-only.</summary>
    public string ObserverPage(LeadId id, string email, DateTimeOffset now) => PageUrl(id, email, LeadPageLinks.ObserverNonce, now);

    /// <summary>The four links of a routed-lead or reminder mail, each with its own nonce, and the lead page.</summary>
    public RepActionLinks ForMail(LeadId id, RepAssignment assignment, DateTimeOffset now) =>
        RepActionLinks.Create(signer, ActionBase(id), LeadPage(id, assignment, now), id, assignment.RepEmail, now + lifetime);

    /// <summary><c>{base}/api/manager/leads/{id}/{action}?t={token}</c>: a manager's one-time action link.</summary>
    public string ManagerAction(LeadId id, string managerEmail, RepAction action, DateTimeOffset now)
    {
        var token = signer.Sign(new ActionLinkClaims(id, managerEmail, action, now + lifetime, ActionLinkSigner.NewNonce()));
        return $"{_baseUrl}/api/manager/leads/{id.Value}/{WireNames.Of(action)}?t={token}";
    }

    /// <summary>The manager notice's two actions: reassign to another rep, or take the lead.</summary>
    public ManagerActionLinks ForManager(LeadId id, string managerEmail, DateTimeOffset now) =>
        new(ManagerAction(id, managerEmail, RepAction.ManagerReassign, now), ManagerAction(id, managerEmail, RepAction.ManagerTake, now));

    /// <summary>One fresh one-time link, for the next steps offered on a rep page.</summary>
    public string For(LeadId id, string repEmail, RepAction action, DateTimeOffset now)
    {
        var token = signer.Sign(new ActionLinkClaims(id, repEmail, action, now + lifetime, ActionLinkSigner.NewNonce()));
        return $"{ActionBase(id)}/{WireNames.Of(action)}?t={token}";
    }

    private string PageUrl(LeadId id, string email, string nonce, DateTimeOffset now) =>
        $"{ActionBase(id)}?t={signer.Sign(new ActionLinkClaims(id, email, RepAction.View, now + lifetime, nonce))}";
}
