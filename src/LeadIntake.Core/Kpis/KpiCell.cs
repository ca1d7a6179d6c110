namespace LeadIntake.Core.Kpis;

/// <summary>
/// One counter of the KPI projections: a key inside the aggregate of one month. Keys are <c>|</c>-separated words
/// (docs/kpis.md, "How the figures are stored"): <c>o|…</c> lead outcomes by capture month, <c>p|…</c> stage entries
/// by event month, <c>c|…</c> cohort entries, <c>v|…</c>/<c>ve|…</c> velocity histograms and entries, <c>s|…</c>,
/// <c>sh|…</c> speed to lead, <c>r?|…</c> per rep.
/// </summary>
public readonly record struct KpiCell(KpiMonth Month, string Key);
