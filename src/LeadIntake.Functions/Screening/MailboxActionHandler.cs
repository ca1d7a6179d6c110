using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Qualification;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// A mailbox page: verify the signed link (403 tampered, 410 expired), then on GET show the confirmation, on POST
/// decide, claim the link's nonce (insert first: one-time), apply the correction and show the result. A rejected
/// action leaves the link usable; a second click of a used link answers 409 (and, for a return to sales, re-queues a
/// lead still waiting in <c>mql</c>: dispatch is idempotent, so a lost dispatch message can't strand it).
/// </summary>
internal sealed partial class MailboxActionHandler(
    ILeadStore store,
    IUsedLinks usedLinks,
    MailboxLinks links,
    ScreeningCorrections corrections,
    TimeProvider time,
    ILogger<MailboxActionHandler> logger)
{
    /// <param name="post">True for the POST that acts; a GET only shows the page.</param>
    public async Task<RepPage> HandleAsync(string id, string action, string? token, string postUrl, bool post, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<RepAction>(action, out var mailboxAction) || !MailboxActions.Contains(mailboxAction) || !LeadId.TryParse(id, out var leadId))
        {
            return MailboxPages.NotFound();
        }
        var verification = links.Verify(token, leadId, mailboxAction);
        if (verification.ValidClaims is not { } claims)
        {
            bool expired = verification is ActionLinkVerification.Expired;
            LogRefused(logger, leadId.Value, expired ? "expired" : "invalid");
            return expired ? MailboxPages.Expired() : MailboxPages.Invalid();
        }
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored) return MailboxPages.NotFound();
        var mailbox = claims.RepEmail;

        if (await usedLinks.IsUsedAsync(claims, cancellationToken).ConfigureAwait(false)) return await UsedAsync(mailboxAction, stored, mailbox, post, cancellationToken).ConfigureAwait(false);
        if (Check(mailboxAction, stored.Lead) is { } problem) return problem;
        if (!post) return MailboxPages.Confirm(mailboxAction, stored.Lead, postUrl);

        if (!await usedLinks.TryUseAsync(claims, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)) return await UsedAsync(mailboxAction, stored, mailbox, post, cancellationToken).ConfigureAwait(false);
        LeadChange change;
        try
        {
            change = mailboxAction switch
            {
                RepAction.Release => await corrections.ReleaseAsync(stored, mailbox, null, cancellationToken).ConfigureAwait(false),
                RepAction.ConfirmSpam => await corrections.ConfirmSpamAsync(stored, mailbox, cancellationToken).ConfigureAwait(false),
                _ => await corrections.ReturnToSalesAsync(stored, mailbox, cancellationToken).ConfigureAwait(false),
            };
        }
        catch
        {
            await usedLinks.ReleaseAsync(claims, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        switch (change)
        {
            case LeadChange.Rejected rejected:
                await usedLinks.ReleaseAsync(claims, cancellationToken).ConfigureAwait(false);
                return MailboxPages.Conflict(stored.Lead, rejected.Reason);
            case LeadChange.Applied applied:
                LogActed(logger, leadId.Value, mailboxAction, applied.Lead.Status);
                return Done(mailboxAction, applied.Lead);
            default:
                var unchanged = (LeadChange.Unchanged)change;
                return mailboxAction == RepAction.ReturnToSales ? MailboxPages.AlreadyUsed(mailboxAction, unchanged.Lead) : Done(mailboxAction, unchanged.Lead);
        }
    }

    /// <summary>Whether the lead is still where the link expects it, before the page offers the action.</summary>
    private static RepPage? Check(RepAction action, Lead lead) => action switch
    {
        RepAction.ReturnToSales when lead.StageTimes.ContainsKey(LeadStatus.Mql) => MailboxPages.AlreadyUsed(action, lead),
        RepAction.ReturnToSales when lead.Status is not (LeadStatus.RoutedService or LeadStatus.RoutedHr or LeadStatus.RoutedOther) =>
            MailboxPages.Conflict(lead, $"Only a routed request can be sent to sales; this lead is '{WireNames.Of(lead.Status)}'."),
        RepAction.Release or RepAction.ConfirmSpam when lead.Status != LeadStatus.Review =>
            MailboxPages.Conflict(lead, $"This lead is no longer waiting for review; it is '{WireNames.Of(lead.Status)}'."),
        _ => null,
    };

    /// <summary>A used link: 409. A second POST of a return to sales repeats its follow-ups (a GET, maybe a mail scanner, writes nothing).</summary>
    private async Task<RepPage> UsedAsync(RepAction action, StoredLead stored, string mailbox, bool post, CancellationToken cancellationToken)
    {
        if (post && action == RepAction.ReturnToSales) await corrections.FollowReturnAsync(stored, mailbox, cancellationToken).ConfigureAwait(false);
        return MailboxPages.AlreadyUsed(action, stored.Lead);
    }

    private static RepPage Done(RepAction action, Lead lead) => action switch
    {
        RepAction.Release => MailboxPages.Done(lead, "Released as genuine", "The lead is being screened again; it goes where its intent says."),
        RepAction.ConfirmSpam => MailboxPages.Done(lead, "Confirmed as spam", "The lead stays in quarantine. Screening will learn from it."),
        _ => MailboxPages.Done(lead, "Sent to sales", "The lead is now a sales lead; a rep is being assigned and mailed."),
    };

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "Lead {LeadId}: mailbox link refused ({Why})")]
    private static partial void LogRefused(ILogger logger, string leadId, string why);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Lead {LeadId}: mailbox action {Action} → {Status}")]
    private static partial void LogActed(ILogger logger, string leadId, RepAction action, LeadStatus status);
}
