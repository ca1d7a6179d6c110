using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>The query of a KPI request: <c>month=YYYY-MM</c> (default: this month), <c>mode=period|cohort</c>, <c>window=30|90|180</c>.</summary>
internal sealed record KpiQuery(KpiMonth Month, KpiMode Mode, int Window)
{
    public const int DefaultWindow = 90;

    public static ReadOutcome<KpiQuery> Parse(string? month, string? mode, string? window, KpiMonth current)
    {
        var m = current;
        if (month is not null && !KpiMonth.TryParse(month, out m))
            return Problems.Field(StatusCodes.Status400BadRequest, "The KPI query is not valid.", "month", "month must be YYYY-MM, e.g. 2026-11.");
        var k = KpiMode.Period;
        if (mode is not null && !WireNames.TryParse(mode, out k))
            return Problems.Field(StatusCodes.Status400BadRequest, "The KPI query is not valid.", "mode", "mode must be period or cohort.");
        int w = DefaultWindow;
        if (window is not null && (!int.TryParse(window, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out w) || !LeadKpiContributions.CohortWindows.Contains(w)))
            return Problems.Field(StatusCodes.Status400BadRequest, "The KPI query is not valid.", "window", "window must be 30, 90 or 180 (days).");
        return new KpiQuery(m, k, w);
    }
}
