using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The language of a rep's pages, as for their mails: the rep's first language in the directory, else the language of
/// the lead's team, else English (no directory loaded, or the rep was removed since the link was sent).
/// </summary>
internal static class RepLanguage
{
    public static RepTexts Of(RoutingSetup? setup, string repEmail, Lead lead) =>
        RepTexts.For(setup?.Directory.LanguageOf(repEmail, setup.Directory.TeamOf(lead)));

    /// <summary>The lead's team (assigned through, else the default team); null without a directory.</summary>
    public static SalesTeam? TeamOf(RoutingSetup? setup, Lead lead) => setup?.Directory.TeamOf(lead);
}
