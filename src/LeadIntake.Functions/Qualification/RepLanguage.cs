using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The language of a rep's pages: the rep's first language in the directory, as for their mails; English when the
/// directory does not know the rep (no directory loaded, or the rep was removed since the link was sent).
/// </summary>
public static class RepLanguage
{
    public static RepTexts Of(RoutingSetup? setup, string repEmail) => RepTexts.For(setup?.Directory.FindRep(repEmail)?.MailLanguage);
}
