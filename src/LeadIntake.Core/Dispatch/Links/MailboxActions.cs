namespace LeadIntake.Core.Dispatch.Links;

/// <summary>
/// The <see cref="RepAction"/> values a team mailbox signs for (review digest, routed-request mails). They share the
/// rep links' signer and one-time nonces, but only the mailbox pages act on them: a rep page answers 404.
/// </summary>
public static class MailboxActions
{
    public static bool Contains(RepAction action) => action is RepAction.Release or RepAction.ConfirmSpam or RepAction.ReturnToSales;
}
