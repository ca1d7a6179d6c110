using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// Where a lead came from, mandatory on every lead: the channel, the provider, the page (form), number (call),
/// mailbox (email) or lead form (social) it arrived through, and the campaign. A part nobody told us is
/// <see cref="Unknown"/>, never null, so a file of unknown origin is visible as such.
/// </summary>
public sealed record Provenance(Channel Channel, string Provider, string Origin, string Campaign)
{
    public const string Unknown = "unknown";

    /// <summary>The provenance of a captured lead, read from what its channel recorded.</summary>
    public static Provenance Of(CapturedLead captured)
    {
        var source = captured.Source;
        var origin = captured.Channel switch
        {
            Channel.Form => source.PageUrl ?? source.Referrer,
            Channel.Call => captured.Call?.To,
            Channel.Email => captured.ExtraFields.GetValueOrDefault("to"),
            Channel.Social => source.PageUrl ?? (source.UtmSource is { } platform ? $"{platform} lead form" : null),
            _ => null,
        };
        return new Provenance(
            captured.Channel,
            string.IsNullOrWhiteSpace(captured.Provider) ? Unknown : captured.Provider,
            string.IsNullOrWhiteSpace(origin) ? Unknown : origin,
            string.IsNullOrWhiteSpace(source.UtmCampaign) ? Unknown : source.UtmCampaign);
    }
}
