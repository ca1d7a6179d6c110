using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Qualification;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// A rep page (docs/dispatch.md, "Rep pages"): verify the signed link, then on GET show the confirmation or form, on
/// POST decide (<see cref="RepActionStage"/>), claim the link's nonce (insert first: one-time), run the decision through
/// the <see cref="StageRunner"/> (save with the ETag, then the account owner or the spam example) and show the result
/// with freshly signed links to the next steps. A rejected or unsaved action leaves the link usable.
/// </summary>
internal sealed partial class RepActionHandler(
    ILeadStore store,
    IUsedLinks usedLinks,
    ISalesDirectory directory,
    RepLinks links,
    StageRunner runner,
    TimeProvider time,
    ILogger<RepActionHandler> logger)
{
    private readonly PageLanguage _pageLanguage = new(store, directory);

    /// <summary>
    /// The page that refuses this link, or null when the link is valid for the lead and action. A valid link costs no
    /// I/O: a POST checks its link with this before reading its body, so a request without a valid link costs no form
    /// parsing (only the refusal reads the lead, for its language: <see cref="PageLanguage"/>).
    /// </summary>
    public async Task<RepPage?> RefusalAsync(string id, string action, string? token, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || !LeadId.TryParse(id, out var leadId))
        {
            return RepPages.NotFound(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false));
        }
        return links.Verify(token, leadId, repAction) switch
        {
            ActionLinkVerification.Valid => null,
            ActionLinkVerification.Expired => RepPages.Expired(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false)),
            _ => RepPages.Invalid(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false)),
        };
    }

    /// <param name="form">The posted fields; null for a GET.</param>
    /// <param name="acceptLanguage">The browser's <c>Accept-Language</c>: the language of a refusal when the lead is unknown.</param>
    public async Task<RepPage> HandleAsync(
        string id, string action, string? token, string postUrl, IReadOnlyDictionary<string, string>? form, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || MailboxActions.Contains(repAction) || ManagerActionStage.IsManagerAction(repAction) || repAction == RepAction.View || !LeadId.TryParse(id, out var leadId))
        {
            return RepPages.NotFound(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false));
        }
        var verification = links.Verify(token, leadId, repAction);
        if (verification.ValidClaims is not { } claims)
        {
            bool expired = verification is ActionLinkVerification.Expired;
            LogRefused(logger, leadId.Value, expired ? "expired" : "invalid");
            var language = await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false);
            return expired ? RepPages.Expired(language) : RepPages.Invalid(language);
        }
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return RepPages.NotFound(PageLanguage.FromAcceptLanguage(acceptLanguage));
        }
        var rep = claims.RepEmail;
        var t = RepLanguage.Of(await directory.LoadAsync(cancellationToken).ConfigureAwait(false), rep, stored.Lead);

        if (form is null)
        {
            if (await usedLinks.IsUsedAsync(claims, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(t, stored.Lead, NextSteps(t, stored.Lead, rep));
            if (NotOwner(t, stored.Lead, rep) is { } reason) return RepPages.Conflict(t, stored.Lead, reason);
            // A link whose step the lead has moved past (an old "lost" link after "won") explains instead of showing a form.
            if (!RepNextSteps.Allowed(stored.Lead.Status).Contains(repAction)) return await StaleAsync(t, stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            return RepPages.Confirm(t, repAction, stored.Lead, postUrl);
        }

        var now = time.GetUtcNow();
        var (act, errors) = RepActionForm.Read(t, repAction, form, rep, QualificationPolicy.Default, now);
        if (act is null) return RepPages.Confirm(t, repAction, stored.Lead, postUrl, errors, form);
        StageDecision Decide(Lead lead, DateTimeOffset _) => RepActionStage.Decide(lead, repAction, rep, act, t["Conflict_Reassigned"], now);

        switch (Decide(stored.Lead, now).Change)
        {
            case LeadChange.Rejected rejected:
                return NotOwner(t, stored.Lead, rep) is not null ? RepPages.Conflict(t, stored.Lead, rejected.Reason) : await StaleAsync(t, stored.Lead, rep, cancellationToken).ConfigureAwait(false);
            case LeadChange.Unchanged:
                // Done before (a second click, or a failure after the save): nothing to claim or save, but the steps
                // that follow the action are taken again, so a spam example or an account owner missed is recorded.
                var repeated = await runner.RunAsync(stored, Stage, Decide, cancellationToken).ConfigureAwait(false);
                var found = repeated switch { LeadChange.Unchanged u => u.Lead, LeadChange.Applied a => a.Lead, _ => stored.Lead };
                return RepPages.Done(t, found, t["Done_NothingToChange"], NextSteps(t, found, rep));
        }
        if (!await usedLinks.TryUseAsync(claims, now, cancellationToken).ConfigureAwait(false)) return RepPages.AlreadyUsed(t, stored.Lead, NextSteps(t, stored.Lead, rep));
        LeadChange saved;
        try
        {
            saved = await runner.RunAsync(stored, Stage, Decide, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseUnlessSavedAsync(stored, claims).ConfigureAwait(false);
            throw;
        }
        switch (saved)
        {
            case LeadChange.Applied applied:
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

    /// <summary>
    /// Gives the link back when its action was not saved (the lead is still at the version loaded: storage failed, or
    /// two other changes came first), so the rep can try again. A failure after the save (a next step) keeps it used:
    /// the same link then finds the action done and takes the steps again.
    /// </summary>
    private async Task ReleaseUnlessSavedAsync(StoredLead loaded, ActionLinkClaims claims)
    {
        StoredLead? current;
        try
        {
            current = await store.FindAsync(loaded.Lead.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            current = null; // storage is failing: release, as a failed save would
        }
        if (current is null || current.ETag == loaded.ETag) await usedLinks.ReleaseAsync(claims, CancellationToken.None).ConfigureAwait(false);
    }

    private const string Stage = "rep-action";

    private static string? NotOwner(RepTexts t, Lead lead, string rep) => RepActionStage.IsOwner(lead, rep) ? null : t["Conflict_Reassigned"];

    private async Task<RepPage> StaleAsync(RepTexts t, Lead lead, string rep, CancellationToken cancellationToken)
    {
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        var zone = RepLanguage.TeamOf(await directory.LoadAsync(cancellationToken).ConfigureAwait(false), lead)?.TimeZone ?? TimeZoneInfo.Utc;
        var leadPage = lead.Assignment is { } owner && string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase) ? links.LeadPage(lead.Id, owner) : null;
        return RepPages.Stale(t, lead, StaleLinkSentence.Of(t, lead, events, zone), leadPage);
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
