using System.Globalization;
using System.Text;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Qualification;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Qualification;
using LeadIntake.Functions.Stages;
using static LeadIntake.Functions.Qualification.RepPages;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// The manager pages (docs/dispatch.md, "Manager actions"): verify the signed link, check the signer still manages the
/// lead's team, then on GET show the reassign form (the eligible reps) or the take confirmation, on POST decide
/// (<see cref="ManagerActionStage"/>), claim the link's nonce (insert first: one-time), run the decision through the
/// <see cref="StageRunner"/> (save with the ETag, then the routed-lead mail to the new owner). Pages in the manager's
/// language; a refused or unsaved action leaves the link usable.
/// </summary>
internal sealed partial class ManagerActionHandler(
    ILeadStore store,
    IUsedLinks usedLinks,
    ISalesDirectory directory,
    RepLinks links,
    StageRunner runner,
    TimeProvider time,
    ILogger<ManagerActionHandler> logger)
{
    private const string Stage = "manager-action";
    private readonly PageLanguage _pageLanguage = new(store, directory);

    /// <summary>The page that refuses this link, or null when it is valid for the lead and action (no I/O then).</summary>
    public async Task<RepPage?> RefusalAsync(string id, string action, string? token, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (!TryParse(id, action, out var leadId, out var managerAction)) return NotFound(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false));
        return links.Verify(token, leadId, managerAction) switch
        {
            ActionLinkVerification.Valid => null,
            ActionLinkVerification.Expired => Expired(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false)),
            _ => Invalid(await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false)),
        };
    }

    /// <param name="post">True for the POST that acts; false for the GET that shows the form.</param>
    /// <param name="chosenRep">The rep picked on the reassign form.</param>
    public async Task<RepPage> HandleAsync(
        string id, string action, string? token, string postUrl, bool post, string? chosenRep, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, action, token, acceptLanguage, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            LogRefused(logger, id.Length <= 64 ? id : id[..64]);
            return refused;
        }
        TryParse(id, action, out var leadId, out var managerAction);
        var claims = links.Verify(token, leadId, managerAction).ValidClaims!;
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored) return NotFound(PageLanguage.FromAcceptLanguage(acceptLanguage));
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        var manager = claims.RepEmail;
        var team = setup?.Directory.TeamOf(stored.Lead);
        var t = RepTexts.For(setup?.Directory.LanguageOf(manager, team));
        if (setup is null || team is null || !ManagerActionStage.IsManager(stored.Lead, setup, manager)) return Conflict(t, stored.Lead, t["Manager_NotManager"]);
        if (await usedLinks.IsUsedAsync(claims, cancellationToken).ConfigureAwait(false)) return AlreadyUsed(t, stored.Lead, []);
        if (stored.Lead.Status != LeadStatus.Assigned) return await StaleAsync(t, stored.Lead, team, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var refusals = new ManagerRefusals(t["Manager_NotManager"], t["Manager_NotCandidate"]);
        if (!post) return Form(t, managerAction, stored.Lead, ManagerActionStage.Candidates(stored.Lead, team, setup.Directory, now), postUrl, error: null);
        StageDecision Decide(Lead lead, DateTimeOffset at) => ManagerActionStage.Decide(lead, managerAction, manager, chosenRep, setup, links.MailPolicy, refusals, at);
        if (Decide(stored.Lead, now).Change is LeadChange.Rejected first)
        {
            return Form(t, managerAction, stored.Lead, ManagerActionStage.Candidates(stored.Lead, team, setup.Directory, now), postUrl, first.Reason);
        }
        if (!await usedLinks.TryUseAsync(claims, now, cancellationToken).ConfigureAwait(false)) return AlreadyUsed(t, stored.Lead, []);
        LeadChange saved;
        try
        {
            saved = await runner.RunAsync(stored, Stage, Decide, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await usedLinks.ReleaseAsync(claims, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        switch (saved)
        {
            case LeadChange.Rejected:
                await usedLinks.ReleaseAsync(claims, cancellationToken).ConfigureAwait(false);
                var current = await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false);
                return await StaleAsync(t, current?.Lead ?? stored.Lead, team, cancellationToken).ConfigureAwait(false);
            default:
                var lead = saved is LeadChange.Applied applied ? applied.Lead : ((LeadChange.Unchanged)saved).Lead;
                LogActed(logger, leadId.Value, managerAction);
                var owner = lead.Assignment!;
                var headline = managerAction == RepAction.ManagerTake ? t["Manager_Done_Taken"] : t.Format("Manager_Done_Reassigned", owner.RepName ?? owner.RepEmail);
                // The manager who took the lead acts on it like any rep: the lead page of their assignment.
                var next = managerAction == RepAction.ManagerTake ? new List<(string, string)> { (t["Mail_OpenLead"], links.LeadPage(lead.Id, owner)) } : [];
                return Done(t, lead, headline, next);
        }
    }

    private static bool TryParse(string id, string action, out LeadId leadId, out RepAction managerAction)
    {
        managerAction = default;
        leadId = default!;
        return WireNames.TryParse(action, out managerAction) && ManagerActionStage.IsManagerAction(managerAction) && LeadId.TryParse(id, out leadId);
    }

    private async Task<RepPage> StaleAsync(RepTexts t, Lead lead, SalesTeam team, CancellationToken cancellationToken)
    {
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        return Stale(t, lead, StaleLinkSentence.Of(t, lead, events, team.TimeZone), leadPage: null);
    }

    /// <summary>The GET page: the reps to pick from (reassign) or the confirmation (take), posting back to the same URL.</summary>
    private static RepPage Form(RepTexts t, RepAction action, Lead lead, IReadOnlyList<SalesRep> candidates, string postUrl, string? error)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>{E(RepLeadPageHtml.Headline(t, lead))}</p>").Append(StatusLine(t, lead));
        if (lead.Assignment is { } owner) body.Append(CultureInfo.InvariantCulture, $"<p id=\"owner\">{E(t.Format("Manager_CurrentOwner", owner.RepName ?? owner.RepEmail))}</p>");
        if (error is not null) body.Append(CultureInfo.InvariantCulture, $"<p class=\"err\" role=\"alert\">{E(error)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(postUrl)}\">");
        string title;
        if (action == RepAction.ManagerReassign)
        {
            title = t["Manager_Reassign_Title"];
            if (candidates.Count == 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p id=\"nobody\">{E(t["Manager_NoCandidate"])}</p></form>");
                return Page(t, StatusCodes.Status200OK, title, body.ToString());
            }
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"rep\">{E(t["Manager_Reassign_Rep"])}</label><select id=\"rep\" name=\"rep\" required>");
            foreach (var rep in candidates) body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(rep.Email)}\">{E(rep.Name)}</option>");
            body.Append(CultureInfo.InvariantCulture, $"</select><button type=\"submit\">{E(t["Manager_Reassign_Submit"])}</button>");
        }
        else
        {
            title = t["Manager_Take_Title"];
            body.Append(CultureInfo.InvariantCulture, $"<p>{E(t["Manager_Take_Text"])}</p><button type=\"submit\">{E(t["Manager_Take_Submit"])}</button>");
        }
        body.Append("</form>");
        return Page(t, error is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity, title, body.ToString());
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Lead {LeadId}: manager link refused")]
    private static partial void LogRefused(ILogger logger, string leadId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Lead {LeadId}: manager action {Action}")]
    private static partial void LogActed(ILogger logger, string leadId, RepAction action);
}
