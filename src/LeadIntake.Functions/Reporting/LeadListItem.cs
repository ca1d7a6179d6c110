using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Reporting;

/// <summary>A lead in <c>GET /api/leads</c>: what the list shows, no contact details (those are on <c>GET /api/leads/{id}</c>).</summary>
internal sealed record LeadListItem(
    string Id,
    string Status,
    string? Intent,
    string Channel,
    string Provider,
    DateTimeOffset CapturedAt,
    string? AssignedRep,
    string? UtmSource,
    string? UtmCampaign)
{
    public static LeadListItem From(Lead lead) => new(
        lead.Id.Value,
        WireNames.Of(lead.Status),
        lead.Intent is { } intent ? WireNames.Of(intent) : null,
        WireNames.Of(lead.Channel),
        lead.Provider,
        lead.CapturedAt,
        lead.Assignment?.RepEmail,
        lead.Captured.Source.UtmSource,
        lead.Captured.Source.UtmCampaign);
}
