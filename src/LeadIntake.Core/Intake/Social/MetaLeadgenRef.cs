namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// One lead announced by a Meta <c>leadgen</c> notification. It carries no lead data: fetch
/// <c>GET /{LeadgenId}?access_token=…</c> and parse the answer with <see cref="MetaLeadParser"/>.
/// </summary>
public sealed record MetaLeadgenRef(
    string LeadgenId, string? PageId, string? FormId, string? AdId, string? AdgroupId, DateTimeOffset? CreatedTime);
