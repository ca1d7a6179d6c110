using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Signs and checks the rep pages' links: <c>{PublicBaseUrl}/api/rep/leads/{id}/{action}?t={token}</c>.</summary>
public sealed class RepLinks(IOptionsMonitor<LinksOptions> links, IOptionsMonitor<IntakeOptions> intake, TimeProvider time)
{
    private ActionLinkSigner Signer => new(links.CurrentValue.KeyBytes());

    private string BaseUrl => intake.CurrentValue.PublicBaseUrl.TrimEnd('/');

    public string ActionBase(LeadId id) => $"{BaseUrl}/api/rep/leads/{id.Value}";

    /// <summary>The admin view of the lead (managers' mails).</summary>
    public string LeadUrl(LeadId id) => $"{BaseUrl}/api/leads/{id.Value}";

    /// <summary>The four links of a routed-lead or reminder mail, each with its own nonce.</summary>
    public RepActionLinks ForMail(LeadId id, string repEmail) =>
        RepActionLinks.Create(Signer, ActionBase(id), LeadUrl(id), id, repEmail, time.GetUtcNow() + links.CurrentValue.Lifetime);

    /// <summary>One fresh link, for the next steps offered on a rep page.</summary>
    public string For(LeadId id, string repEmail, RepAction action)
    {
        var token = Signer.Sign(new ActionLinkClaims(id, repEmail, action, time.GetUtcNow() + links.CurrentValue.Lifetime, ActionLinkSigner.NewNonce()));
        return $"{ActionBase(id)}/{WireNames.Of(action)}?t={token}";
    }

    public ActionLinkVerification Verify(string? token, LeadId id, RepAction action) => Signer.Verify(token, id, action, time.GetUtcNow());
}
