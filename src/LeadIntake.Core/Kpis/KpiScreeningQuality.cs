namespace LeadIntake.Core.Kpis;

/// <summary>
/// How well screening did on the leads captured in the month: spam share of captured leads, share of quarantined
/// (spam or review) leads a person released (false positives), and shares of the non-spam leads routed away.
/// </summary>
public sealed record KpiScreeningQuality(
    long Captured, long Spam, double? SpamShare, long Quarantined, long Released, double? ReleasedShare,
    double? ServiceShare, double? HrShare, double? OtherShare, long Review);
