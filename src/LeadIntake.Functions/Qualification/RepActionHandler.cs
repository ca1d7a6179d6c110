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
        if (!WireNames.TryParse<RepAction>(action, out var repAction) || MailboxActions.Contains(repAction) || !LeadId.TryParse(id, out var leadId)) return RepPages.NotFound();
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
            return NotOwner(stored.Lead, rep) is { } reason ? RepPages.Conflict(stored.Lead, reason) : RepPages.Confirm(repAction, stored.Lead, postUrl);
        }

        var now = time.GetUtcNow();
        var (decide, errors) = RepActionForm.Read(repAction, form, rep, QualificationPolicy.Default, now);
        if (decide is null) return RepPages.Confirm(repAction, stored.Lead, postUrl, errors);
        LeadChange Decide(Lead lead) => NotOwner(lead, rep) is { } reason ? new LeadChange.Rejected(reason) : decide(lead);

        switch (Decide(stored.Lead))
        {
            case LeadChange.Rejected rejected:
                return RepPages.Conflict(stored.Lead, rejected.Reason);
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
                return RepPages.Done(applied.Lead, Headline(applied.Lead), NextSteps(applied.Lead, rep));
            case LeadChange.Rejected rejected:
                await usedLinks.ReleaseAsync(claims, cancellationToken).ConfigureAwait(false);
                return RepPages.Conflict(stored.Lead, rejected.Reason);
            default:
                var unchangedLead = ((LeadChange.Unchanged)saved).Lead;
                return RepPages.Done(unchangedLead, "Nothing to change", NextSteps(unchangedLead, rep));
        }
    }

    private static string? NotOwner(Lead lead, string rep) =>
        lead.Assignment is { } owner && !string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase)
            ? "This lead was reassigned to another rep." : null;

    private static string Headline(Lead lead) => lead.Status switch
    {
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

    /// <summary>The rep's lead page links: the steps the lifecycle allows from here, each a fresh one-time link.</summary>
    private List<(string Label, string Href)> NextSteps(Lead lead, string rep)
    {
        if (NotOwner(lead, rep) is not null) return [];
        RepAction[] actions = lead.Status switch
        {
            LeadStatus.Assigned => [RepAction.Accept, RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
            LeadStatus.Accepted => [RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
            LeadStatus.Sql or LeadStatus.Sal => [RepAction.Qualify, RepAction.Opportunity, RepAction.Lost, RepAction.Nurture],
            LeadStatus.Opportunity => [RepAction.Won, RepAction.Lost],
            _ => [],
        };
        return actions.Select(a => (Label(a), links.For(lead.Id, rep, a))).ToList();
    }

    private static string Label(RepAction action) => action switch
    {
        RepAction.Accept => "Accept",
        RepAction.Qualify => "Qualify (BANT)",
        RepAction.Disqualify => "Disqualify",
        RepAction.Nurture => "Return to nurture",
        RepAction.Opportunity => "Create opportunity",
        RepAction.Won => "Won",
        RepAction.Lost => "Lost",
        _ => action.ToString(),
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Lead {LeadId}: rep link refused ({Why})")]
    private static partial void LogRefused(ILogger logger, string leadId, string why);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Lead {LeadId}: rep action {Action} → {Status}")]
    private static partial void LogActed(ILogger logger, string leadId, RepAction action, LeadStatus status);
}
