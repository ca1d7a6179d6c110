using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Dispatch;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The rep's lead page (docs/dispatch.md, "Lead page"): verify the signed view link, check it still belongs to the
/// lead's current assignment (<see cref="LeadPageLinks"/>), then show the lead with the actions valid now. Reads only:
/// the link is not one-time and a GET changes nothing.
/// </summary>
internal sealed partial class RepLeadPageHandler(
    ILeadStore store, ISalesDirectory directory, RepLinks links, ILogger<RepLeadPageHandler> logger)
{
    private readonly PageLanguage _pageLanguage = new(store, directory);

    // Country whose numbers a reader of that mail language reads in national format; others see international format.
    private static readonly Dictionary<string, string> LanguageRegion = new(StringComparer.OrdinalIgnoreCase) { ["fr"] = "FR" };

    /// <param name="acceptLanguage">The browser's <c>Accept-Language</c>: the language of a refusal when the lead is unknown.</param>
    public async Task<RepPage> HandleAsync(string id, string? token, string? acceptLanguage, CancellationToken cancellationToken)
    {
        if (!LeadId.TryParse(id, out var leadId)) return RepPages.NotFound(PageLanguage.FromAcceptLanguage(acceptLanguage));
        var verification = links.Verify(token, leadId, RepAction.View);
        if (verification.ValidClaims is not { } claims)
        {
            bool expired = verification is ActionLinkVerification.Expired;
            LogRefused(logger, leadId.Value, expired ? "expired" : "invalid");
            var language = await _pageLanguage.ForAsync(id, acceptLanguage, cancellationToken).ConfigureAwait(false);
            return expired ? RepPages.Expired(language) : RepPages.Invalid(language);
        }
        if (await store.FindAsync(leadId, cancellationToken).ConfigureAwait(false) is not { } stored) return RepPages.NotFound(PageLanguage.FromAcceptLanguage(acceptLanguage));
        var lead = stored.Lead;
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        var t = RepLanguage.Of(setup, claims.RepEmail, lead);
        var access = LeadPageLinks.Decide(claims, lead);
        switch (access)
        {
            case LeadPageAccess.Reassigned:
                LogRefused(logger, leadId.Value, "reassigned");
                return RepLeadPageHtml.Reassigned(t, lead);
            case LeadPageAccess.Outdated:
                return RepLeadPageHtml.Outdated(t);
        }
        var team = RepLanguage.TeamOf(setup, lead);
        var events = await store.GetEventsAsync(leadId, cancellationToken).ConfigureAwait(false);
        var next = access == LeadPageAccess.Owner ? RepNextSteps.For(t, lead, claims.RepEmail, links, withLeadPage: false) : [];
        return RepLeadPageHtml.Render(t, lead, events, next, team?.TimeZone ?? TimeZoneInfo.Utc, LanguageRegion.GetValueOrDefault(t.Code));
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Lead {LeadId}: lead page link refused ({Why})")]
    private static partial void LogRefused(ILogger logger, string leadId, string why);
}
