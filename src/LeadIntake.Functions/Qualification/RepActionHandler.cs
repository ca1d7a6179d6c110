using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
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
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || !LeadId.TryParse(id, out var leadId)) return RepPages.NotFound();
        return links.Verify(token, leadId, repAction) switch
        {
            ActionLinkVerification.Valid => null,
            ActionLinkVerification.Expired => RepPages.Expired(),
            _ => RepPages.Invalid(),
        };
    }

    /// <param name="form">The posted fields; null for a GET.</param>
    public async Task<RepPage> HandleAsync(string id, string action, string? token, string postUrl, IReadOnlyDictionary<string, string>? form, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || MailboxActions.Contains(repAction) || repAction == RepAction.View || !LeadId.TryParse(id, out var leadId)) return RepPages.NotFound();
        ActionLinkClaims claims;
        switch (links.Verify(token, leadId, repAction))
        {
            case ActionLinkVerification.Valid valid:
                claims = valid.Claims;
                break;
            case ActionLinkVerification.Expired:
                LogRefused(logger, leadId.Value, "expired");
                return RepPages.Expired();
            default:
                LogRefused(logger, leadId.Value, "invalid");
                return RepPages.Invalid();
        }
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored) return RepPages.NotFound();
        var rep = claims.RepEmail;

        if (form is null)
        {
            if (await usedLinks.IsUsedAsync(claims, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(stored.Lead, NextSteps(stored.Lead, rep));
            if (NotOwner(stored.Lead, rep) is { } reason) return RepPages.Conflict(stored.Lead, reason);
            // A link whose step the lead has moved past (an old "lost" link after "won") explains instead of showing a form.
            if (!RepNextSteps.Allowed(stored.Lead.Status).Contains(repAction)) return await StaleAsync(stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            return RepPages.Confirm(repAction, stored.Lead, postUrl);
        }

        var now = time.GetUtcNow();
        var (decide, errors) = RepActionForm.Read(repAction, form, rep, QualificationPolicy.Default, now);
        if (decide is null) return RepPages.Confirm(repAction, stored.Lead, postUrl, errors, form);
        LeadChange Decide(Lead lead) => NotOwner(lead, rep) is { } reason ? new LeadChange.Rejected(reason) : decide(lead);

        switch (Decide(stored.Lead))
        {
            case LeadChange.Rejected rejected:
                return NotOwner(stored.Lead, rep) is not null ? RepPages.Conflict(stored.Lead, rejected.Reason) : await StaleAsync(stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            case LeadChange.Unchanged unchanged:
                // A repeat of a saved "disqualify: spam" whose example was not stored (a failure after the save).
                if (repAction == RepAction.Disqualify) await corrections.RecordReportedSpamAsync(unchanged.Lead, rep, cancellationToken).ConfigureAwait(false);
                return RepPages.Done(unchanged.Lead, $"Nothing to change: {unchanged.Note}", NextSteps(unchanged.Lead, rep));
        }
        if (!await usedLinks.TryUseAsync(claims, now, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(stored.Lead, NextSteps(stored.Lead, rep));
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
                    return RepPages.PartlyQualified(applied.Lead, Answered(partial), partial.MissingFields, NextSteps(applied.Lead, rep));
                }
                return RepPages.Done(applied.Lead, Headline(applied.Lead, repAction), NextSteps(applied.Lead, rep));
            case LeadChange.Rejected rejected:
                await usedLinks.ReleaseAsync(claims, cancellationToken).ConfigureAwait(false);
                return NotOwner(stored.Lead, rep) is not null ? RepPages.Conflict(stored.Lead, rejected.Reason) : await StaleAsync(stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            default:
                var unchangedLead = ((LeadChange.Unchanged)saved).Lead;
                return RepPages.Done(unchangedLead, "Nothing to change", NextSteps(unchangedLead, rep));
        }
    }

    private static string? NotOwner(Lead lead, string rep) =>
        lead.Assignment is { } owner && !string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase)
            ? "This lead was reassigned to another rep." : null;

    private async Task<RepPage> StaleAsync(Lead lead, string rep, CancellationToken cancellationToken)
    {
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        var leadPage = lead.Assignment is { } owner && string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase) ? links.LeadPage(lead.Id, owner) : null;
        return RepPages.Stale(lead, RepNextSteps.WhatHappened(lead, events), leadPage);
    }

    private static List<string> Answered(BantRecord bant)
    {
        var missing = bant.MissingFields;
        return new[] { "budget", "authority", "need", "timing" }.Where(f => !missing.Contains(f)).ToList();
    }

    private static string Headline(Lead lead, RepAction action) => lead.Status switch
    {
        LeadStatus.Nurture when action == RepAction.Disqualify && lead.NurtureReason is { } why =>
            $"Returned to marketing for nurture ({WireNames.Of(why).Replace('_', ' ')})",
        LeadStatus.Won when lead.WonAmount is { } amount =>
            $"Won: {amount.Amount.ToString("#,0.##", System.Globalization.CultureInfo.GetCultureInfo("en"))} {amount.Currency}",
        LeadStatus.Accepted => "Lead accepted",
        LeadStatus.Sql => "Qualified: SQL",
        LeadStatus.Sal => "Qualified: SAL (sales accepted)",
        LeadStatus.Opportunity => "Opportunity created",
        LeadStatus.Won => "Won",
        LeadStatus.Lost => "Closed as lost",
        LeadStatus.Nurture => "Returned to marketing (nurture)",
        LeadStatus.Spam => "Reported as spam",
        _ when lead.Bant is { IsComplete: false } => "Qualification saved (incomplete)",
        _ => "Saved",
    };

    private List<(string Label, string Href)> NextSteps(Lead lead, string rep) => RepNextSteps.For(lead, rep, links, withLeadPage: true);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Lead {LeadId}: rep link refused ({Why})")]
    private static partial void LogRefused(ILogger logger, string leadId, string why);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Lead {LeadId}: rep action {Action} → {Status}")]
    private static partial void LogActed(ILogger logger, string leadId, RepAction action, LeadStatus status);
}
