using LeadIntake.Core.Kpis;
using LeadIntake.Functions.Exports;

namespace LeadIntake.Functions.Kpis;

/// <summary>Every table of a KPI report, as the exports and the page show them: funnel, velocity, sources, speed to lead, reps, screening, unmatched spend.</summary>
internal static class KpiTables
{
    public static IReadOnlyList<string> Names { get; } = ["funnel", "velocity", "sources", "speed_to_lead", "reps", "screening", "unmatched_spend"];

    public static IReadOnlyList<ExportSheet> From(KpiReport report)
    {
        var scopes = new List<(string Name, KpiFigures Figures)> { ("total", report.Total) };
        scopes.AddRange(report.Channels.Select(c => (c.Key, c.Value)));
        return
        [
            new ExportSheet("funnel",
                ["month", "mode", "channel", "mcl", "mql", "remql", "sql", "sal", "opportunity", "won", "lost", "nurture", "spam", "service", "hr", "other",
                 "conversion", "transformation", "lvr", "spend", "cpl", "cac", "sql_via_nurture_share"],
                [.. scopes.Select(s => (IReadOnlyList<object?>)[report.Month, report.Mode, s.Name, s.Figures.Mcl, s.Figures.Mql, s.Figures.Remql, s.Figures.Sql,
                    s.Figures.Sal, s.Figures.Opportunity, s.Figures.Won, s.Figures.Lost, s.Figures.Nurture, s.Figures.Spam, s.Figures.Service, s.Figures.Hr,
                    s.Figures.Other, s.Figures.Conversion, s.Figures.Transformation, s.Figures.Lvr, s.Figures.Spend, s.Figures.Cpl, s.Figures.Cac, s.Figures.SqlViaNurtureShare])]),
            new ExportSheet("velocity",
                ["month", "channel", "change", "p50", "p90", "p50_seconds", "p90_seconds", "count", "entered", "open_share", "business_p50", "business_p90"],
                [.. scopes.SelectMany(s => s.Figures.Velocity.Select(v => (IReadOnlyList<object?>)[report.Month, s.Name, v.Key, v.Value.P50, v.Value.P90,
                    v.Value.P50Seconds, v.Value.P90Seconds, v.Value.Count, v.Value.Entered, v.Value.Open, v.Value.Business.P50, v.Value.Business.P90]))]),
            new ExportSheet("sources", ["month", "channel", "source", "mcl", "mql", "sql", "won", "spend", "cpl"],
                [.. report.Sources.Select(s => (IReadOnlyList<object?>)[report.Month, s.Channel, s.Source, s.Mcl, s.Mql, s.Sql, s.Won, s.Spend, s.Cpl])]),
            new ExportSheet("speed_to_lead", ["month", "channel", "band", "leads"],
                [.. report.SpeedToLead.ByChannel.SelectMany(c => c.Value.Select(b => (IReadOnlyList<object?>)[report.Month, c.Key, b.Key, b.Value]))]),
            new ExportSheet("reps", ["month", "rep", "assigned", "accepted", "accept_rate", "sla_breaches", "won", "speed_to_lead_p50"],
                [.. report.Reps.Select(r => (IReadOnlyList<object?>)[report.Month, r.Rep, r.Assigned, r.Accepted, r.AcceptRate, r.SlaBreaches, r.Won, r.SpeedToLeadP50])]),
            new ExportSheet("screening", ["month", "captured", "spam", "spam_share", "quarantined", "released", "released_share", "service_share", "hr_share", "other_share", "review"],
                [[report.Month, report.Screening.Captured, report.Screening.Spam, report.Screening.SpamShare, report.Screening.Quarantined, report.Screening.Released,
                  report.Screening.ReleasedShare, report.Screening.ServiceShare, report.Screening.HrShare, report.Screening.OtherShare, report.Screening.Review]]),
            new ExportSheet("unmatched_spend", ["month", "channel", "source", "campaign", "kind", "amount"],
                [.. report.UnmatchedSpend.Select(u => (IReadOnlyList<object?>)[report.Month, u.Channel, u.Source, u.Campaign, u.Kind, u.Amount])]),
        ];
    }
}
