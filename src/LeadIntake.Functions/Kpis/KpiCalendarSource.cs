using LeadIntake.Core.Kpis;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The account's KPI calendar (months cut in its time zone, business hours), built once from <see cref="KpiOptions"/>:
/// what the projection buffer, the recomputation and the reports compute with.
/// </summary>
internal sealed class KpiCalendarSource(IOptions<KpiOptions> options)
{
    private readonly Lazy<KpiCalendar> _calendar = new(() => options.Value.ToCalendar());

    public KpiCalendar Calendar => _calendar.Value;
}
