using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Signs and checks the links mailed to team mailboxes: <c>{PublicBaseUrl}/api/mailbox/leads/{id}/{action}?t={token}</c>
/// for <c>release</c>, <c>confirm_spam</c> (review digest) and <c>return_to_sales</c> (routed-request mails). Same signer,
/// key, lifetime and one-time nonces as the rep links; the mailbox's address is the link's "rep".
/// </summary>
internal sealed class MailboxLinks(IOptionsMonitor<LinksOptions> links, IOptionsMonitor<IntakeOptions> intake, TimeProvider time)
{
    private ActionLinkSigner Signer => new(links.CurrentValue.KeyBytes(), links.CurrentValue.PreviousKeyBytes());

    public string For(LeadId id, string mailbox, RepAction action)
    {
        if (!MailboxActions.Contains(action)) throw new ArgumentOutOfRangeException(nameof(action), action, "Not a mailbox action.");
        var token = Signer.Sign(new ActionLinkClaims(id, mailbox, action, time.GetUtcNow() + links.CurrentValue.Lifetime, ActionLinkSigner.NewNonce()));
        return $"{intake.CurrentValue.PublicBaseUrl.TrimEnd('/')}/api/mailbox/leads/{id.Value}/{WireNames.Of(action)}?t={token}";
    }

    public ActionLinkVerification Verify(string? token, LeadId id, RepAction action) => Signer.Verify(token, id, action, time.GetUtcNow());
}
