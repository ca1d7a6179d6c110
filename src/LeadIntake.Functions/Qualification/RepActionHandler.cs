using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Qualification;
using LeadIntake.Functions.Dispatch;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// A rep page (docs/dispatch.md, "Rep pages"): verify the signed link, then on GET show the confirmation or form, on
/// POST decide, claim the link's nonce (insert first: one-time), save with the ETag (412 → reload, decide again once)
/// and show the result with freshly signed links to the next steps. A rejected action leaves the link usable.
/// </summary>
public sealed partial class RepActionHandler(
    ILeadStore store,
    IUsedLinks usedLinks,
    IAccountOwners owners,
    ISalesDirectory directory,
    RepLinks links,
    Screening.ScreeningCorrections corrections,
    TimeProvider time,
    ILogger<RepActionHandler> logger)
{
    /// <summary>
    /// The page that refuses this link, or null when the link is valid for the lead and action. No I/O: a POST checks
    /// its link with this before reading its body, so a request without a valid link costs no form parsing.
    /// </summary>
    public RepPage? Refusal(string id, string action, string? token)
    {
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || !LeadId.TryParse(id, out var leadId)) return RepPages.NotFound(RepTexts.English);
        return links.Verify(token, leadId, repAction) switch
        {
            ActionLinkVerification.Valid => null,
            ActionLinkVerification.Expired => RepPages.Expired(RepTexts.English),
            _ => RepPages.Invalid(RepTexts.English),
        };
    }

    /// <param name="form">The posted fields; null for a GET.</param>
    public async Task<RepPage> HandleAsync(string id, string action, string? token, string postUrl, IReadOnlyDictionary<string, string>? form, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || MailboxActions.Contains(repAction) || repAction == RepAction.View || !LeadId.TryParse(id, out var leadId)) return RepPages.NotFound(RepTexts.English);
        var verification = links.Verify(token, leadId, repAction);
        if (verification.ValidClaims is not { } claims)
        {
            bool expired = verification is ActionLinkVerification.Expired;
            LogRefused(logger, leadId.Value, expired ? "expired" : "invalid");
            return expired ? RepPages.Expired(RepTexts.English) : RepPages.Invalid(RepTexts.English);
        }
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored) return RepPages.NotFound(RepTexts.English);
        var rep = claims.RepEmail;
        var t = RepLanguage.Of(await directory.LoadAsync(cancellationToken).ConfigureAwait(false), rep);

        if (form is null)
        {
            if (await usedLinks.IsUsedAsync(claims, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(t, stored.Lead, NextSteps(t, stored.Lead, rep));
            if (NotOwner(t, stored.Lead, rep) is { } reason) return RepPages.Conflict(t, stored.Lead, reason);
            // A link whose step the lead has moved past (an old "lost" link after "won") explains instead of showing a form.
            if (!RepNextSteps.Allowed(stored.Lead.Status).Contains(repAction)) return await StaleAsync(t, stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            return RepPages.Confirm(t, repAction, stored.Lead, postUrl);
        }

        var now = time.GetUtcNow();
        var (decide, errors) = RepActionForm.Read(t, repAction, form, rep, QualificationPolicy.Default, now);
        if (decide is null) return RepPages.Confirm(t, repAction, stored.Lead, postUrl, errors, form);
        LeadChange Decide(Lead lead) => NotOwner(t, lead, rep) is { } reason ? new LeadChange.Rejected(reason) : decide(lead);

        switch (Decide(stored.Lead))
        {
            case LeadChange.Rejected rejected:
                return NotOwner(t, stored.Lead, rep) is not null ? RepPages.Conflict(t, stored.Lead, rejected.Reason) : await StaleAsync(t, stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            case LeadChange.Unchanged unchanged:
                // A repeat of a saved "disqualify: spam" whose example was not stored (a failure after the save).
                if (repAction == RepAction.Disqualify) await corrections.RecordReportedSpamAsync(unchanged.Lead, rep, cancellationToken).ConfigureAwait(false);
                return RepPages.Done(t, unchanged.Lead, t["Done_NothingToChange"], NextSteps(t, unchanged.Lead, rep));
        }
        if (!await usedLinks.TryUseAsync(claims, now, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(t, stored.Lead, NextSteps(t, stored.Lead, rep));
        LeadChange saved;
        try
        {
            saved = await LeadChanges.ApplyAsync(store, stored, Decide, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await usedLinks.ReleaseAsync(claims, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        switch (saved)
        {
            case LeadChange.Applied applied:
                if (repAction is RepAction.Accept or RepAction.Qualify) await owners.RecordAsync(applied.Lead, rep, now, cancellationToken).ConfigureAwait(false);
                // Spam a rep caught is a lesson for screening: stored as a spam example of this installation.
                if (repAction == RepAction.Disqualify) await corrections.RecordReportedSpamAsync(applied.Lead, rep, cancellationToken).ConfigureAwait(false);
                LogActed(logger, leadId.Value, repAction, applied.Lead.Status);
                if (repAction == RepAction.Qualify && applied.Lead.Bant is { IsComplete: false } partial)
                {
                    return RepPages.PartlyQualified(t, applied.Lead, Answered(partial), partial.MissingFields, NextSteps(t, applied.Lead, rep));
                }
                return RepPages.Done(t, applied.Lead, Headline(t, applied.Lead, repAction), NextSteps(t, applied.Lead, rep));
            case LeadChange.Rejected rejected:
                await usedLinks.ReleaseAsync(claims, cancellationToken).ConfigureAwait(false);
                return NotOwner(t, stored.Lead, rep) is not null ? RepPages.Conflict(t, stored.Lead, rejected.Reason) : await StaleAsync(t, stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            default:
                var unchangedLead = ((LeadChange.Unchanged)saved).Lead;
                return RepPages.Done(t, unchangedLead, t["Done_NothingToChange"], NextSteps(t, unchangedLead, rep));
        }
    }

    private static string? NotOwner(RepTexts t, Lead lead, string rep) =>
        lead.Assignment is { } owner && !string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase)
            ? t["Conflict_Reassigned"] : null;

    private async Task<RepPage> StaleAsync(RepTexts t, Lead lead, string rep, CancellationToken cancellationToken)
    {
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        var leadPage = lead.Assignment is { } owner && string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase) ? links.LeadPage(lead.Id, owner) : null;
        return RepPages.Stale(t, lead, RepNextSteps.WhatHappened(t, lead, events), leadPage);
    }

    private static List<string> Answered(BantRecord bant)
    {
        var missing = bant.MissingFields;
        return new[] { "budget", "authority", "need", "timing" }.Where(f => !missing.Contains(f)).ToList();
    }

    private static string Headline(RepTexts t, Lead lead, RepAction action) => lead.Status switch
    {
        LeadStatus.Nurture when action == RepAction.Disqualify && lead.NurtureReason is { } why => t.Format("Done_NurtureBecause", t.Of(why)),
        LeadStatus.Won when lead.WonAmount is { } amount => t.Format("Done_WonAmount", RepLeadPageHtml.Money(t, amount.Amount, amount.Currency)),
        LeadStatus.Accepted or LeadStatus.Sql or LeadStatus.Sal or LeadStatus.Opportunity or LeadStatus.Won or LeadStatus.Lost or LeadStatus.Nurture or LeadStatus.Spam
            => t["Done_" + lead.Status],
        _ when lead.Bant is { IsComplete: false } => t["Done_Incomplete"],
        _ => t["Done_Saved"],
    };

    private List<(string Label, string Href)> NextSteps(RepTexts t, Lead lead, string rep) => RepNextSteps.For(t, lead, rep, links, withLeadPage: true);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Lead {LeadId}: rep link refused ({Why})")]
    private static partial void LogRefused(ILogger logger, string leadId, string why);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Lead {LeadId}: rep action {Action} → {Status}")]
    private static partial void LogActed(ILogger logger, string leadId, RepAction action, LeadStatus status);
}
