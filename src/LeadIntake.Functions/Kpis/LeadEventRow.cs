namespace LeadIntake.Functions.Kpis;

/// <summary>
/// One row of the Parquet export: a lead event without any personal data. The lead and the rep are keyed hashes
/// (HMAC-SHA256 with <c>Kpis:ExportKey</c>): rows of one lead join, but nobody without the key can tell whose lead it
/// is or test a guessed id. No name, email, phone, message, subject or event detail (free text) is written.
/// </summary>
internal sealed class LeadEventRow
{
    public string LeadKey { get; set; } = "";
    public string EventKey { get; set; } = "";
    public string EventType { get; set; } = "";
    /// <summary>The funnel step the event is (docs/kpis.md), null for events the KPIs don't count.</summary>
    public string? FunnelStep { get; set; }
    public DateTime At { get; set; }
    public string EventMonth { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Provider { get; set; } = "";
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public DateTime CapturedAt { get; set; }
    public string CaptureMonth { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Intent { get; set; }
    public string? RepKey { get; set; }
}
