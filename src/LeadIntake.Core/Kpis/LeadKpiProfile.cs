using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// What the KPIs need to know of a lead besides its events: where it came from (channel, UTM source and campaign,
/// normalised) and who owns it. No contact data: this is all a projection or an export ever reads of a lead.
/// </summary>
public sealed record LeadKpiProfile(LeadId Id, Channel Channel, string Source, string Campaign, DateTimeOffset CapturedAt, string? Rep)
{
    public const string NoSource = "(none)";
    private const int MaxLabel = 60;

    public static LeadKpiProfile Of(Lead lead) => new(
        lead.Id, lead.Channel, Label(lead.Captured.Source.UtmSource) ?? NoSource, Label(lead.Captured.Source.UtmCampaign) ?? "",
        lead.CapturedAt, lead.Assignment?.RepEmail?.Trim().ToLowerInvariant());

    /// <summary>
    /// A UTM value as the KPIs group it: trimmed, lower case, at most 60 characters, without the cell separator
    /// <c>|</c> or control characters. The spend ledger's source and campaign go through the same function to match.
    /// </summary>
    public static string? Label(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var chars = text.Trim().ToLowerInvariant().Select(c => c == '|' || char.IsControl(c) ? '/' : c).Take(MaxLabel).ToArray();
        return new string(chars);
    }
}
