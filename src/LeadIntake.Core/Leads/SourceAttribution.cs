namespace LeadIntake.Core.Leads;

/// <summary>Where the lead came from, for KPIs per campaign and channel.</summary>
public sealed record SourceAttribution
{
    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }
    public string? UtmTerm { get; init; }
    public string? UtmContent { get; init; }
    public string? PageUrl { get; init; }
    public string? Referrer { get; init; }

    public static SourceAttribution None { get; } = new();
}
