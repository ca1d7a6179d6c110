using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Signs and checks the rep pages' links with the configured key, base URL and lifetime:
/// <c>{PublicBaseUrl}/api/rep/leads/{id}/{action}?t={token}</c> for actions (one-time) and
/// <c>{PublicBaseUrl}/api/rep/leads/{id}?t={token}</c> for the lead page (many times, bound to the assignment:
/// <see cref="LeadPageLinks"/>). The links themselves are made by <see cref="RepMailLinks"/> in Core.
/// </summary>
internal sealed class RepLinks(IOptionsMonitor<LinksOptions> links, IOptionsMonitor<IntakeOptions> intake, TimeProvider time)
{
    private ActionLinkSigner Signer => new(links.CurrentValue.KeyBytes(), links.CurrentValue.PreviousKeyBytes());

    /// <summary>The link maker with the current settings, for a decider that composes mails.</summary>
    public RepMailLinks Mail => new(Signer, intake.CurrentValue.PublicBaseUrl, links.CurrentValue.Lifetime);

    /// <summary>The mail policy of dispatch and the SLA watch with the current settings.</summary>
    public RepMailPolicy MailPolicy => new(Mail);

    /// <summary>The rep's lead page for their current assignment; a reassignment revokes it.</summary>
    public string LeadPage(LeadId id, RepAssignment assignment) => Mail.LeadPage(id, assignment, time.GetUtcNow());

    /// <summary>One fresh link, for the next steps offered on a rep page.</summary>
    public string For(LeadId id, string repEmail, RepAction action) => Mail.For(id, repEmail, action, time.GetUtcNow());

    public ActionLinkVerification Verify(string? token, LeadId id, RepAction action) => Signer.Verify(token, id, action, time.GetUtcNow());
}
