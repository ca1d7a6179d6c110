using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Kpis;

/// <summary>Audit events as the stages write them, for the KPI tests.</summary>
internal static class KpiEvents
{
    /// <summary>Tuesday 3 November 2026, 10:00 in Paris (09:00 UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    public static LeadKpiProfile Profile(DateTimeOffset capturedAt, Channel channel = Channel.Form, string source = "google", string campaign = "", string? rep = "alice@corp.test", string idSuffix = "") =>
        new(LeadId.New(capturedAt), channel, source, campaign, capturedAt, rep);

    public static LeadEvent Captured(DateTimeOffset at) => new(LeadEventType.Captured, at, "intake", "form/web");
    public static LeadEvent Screened(DateTimeOffset at, string status) => new(LeadEventType.Screened, at, "screening", $"intent=commercial status={status} confidence=0.90 spamScore=0.01 reasons=1 rules=7");
    public static LeadEvent Assigned(DateTimeOffset at) => new(LeadEventType.Assigned, at, "dispatch", "round robin");
    public static LeadEvent Accepted(DateTimeOffset at) => new(LeadEventType.Accepted, at, "alice@corp.test");
    public static LeadEvent Sql(DateTimeOffset at) => new(LeadEventType.QualifiedSql, at, "alice@corp.test");
    public static LeadEvent Sal(DateTimeOffset at) => new(LeadEventType.QualifiedSal, at, "alice@corp.test");
    public static LeadEvent Opportunity(DateTimeOffset at) => new(LeadEventType.OpportunityCreated, at, "alice@corp.test");
    public static LeadEvent Won(DateTimeOffset at) => new(LeadEventType.Won, at, "alice@corp.test");
    public static LeadEvent Lost(DateTimeOffset at) => new(LeadEventType.Lost, at, "alice@corp.test", "price");
    public static LeadEvent Nurtured(DateTimeOffset at) => new(LeadEventType.Nurtured, at, "alice@corp.test", "returned_by_rep");
    public static LeadEvent Retouched(DateTimeOffset at) => new(LeadEventType.Retouched, at, "screening");
    public static LeadEvent Released(DateTimeOffset at) => new(LeadEventType.Released, at, "admin", "released from quarantine");
    public static LeadEvent SlaReminded(DateTimeOffset at) => new(LeadEventType.SlaReminded, at, "sla", "alice@corp.test");

    /// <summary>The counters of the given leads added up, as the recomputation does.</summary>
    public static Dictionary<KpiCell, long> Sum(params (LeadKpiProfile Lead, LeadEvent[] Events)[] leads)
    {
        var total = new Dictionary<KpiCell, long>();
        foreach (var (lead, events) in leads)
        {
            foreach (var (cell, n) in LeadKpiContributions.Compute(lead, events, KpiCalendar.Default)) total[cell] = total.GetValueOrDefault(cell) + n;
        }
        return total;
    }

    /// <summary>The counters of one month as the report builder reads them.</summary>
    public static Dictionary<KpiMonth, IReadOnlyDictionary<string, long>> Rows(Dictionary<KpiCell, long> cells) =>
        cells.GroupBy(c => c.Key.Month).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(c => c.Key.Key, c => c.Value));

    public static KpiReport Report(Dictionary<KpiCell, long> cells, KpiMonth month, KpiMode mode = KpiMode.Period, KpiInputs? inputs = null, int window = 90, DateTimeOffset? now = null) =>
        KpiReportBuilder.Build(month, mode, window, Rows(cells), inputs ?? KpiInputs.None, now ?? Start.AddDays(365), KpiCalendar.Default, "EUR", null);

    public static readonly KpiMonth November = new(2026, 11);
}
