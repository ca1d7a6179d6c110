using LeadIntake.Core.Kpis;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class KpiCalendarTests
{
    private static readonly KpiCalendar Paris = KpiCalendar.Default;

    [Fact]
    public void Months_are_cut_in_the_account_time_zone()
    {
        // 30 November 23:30 UTC is already 1 December 00:30 in Paris.
        Assert.Equal(new KpiMonth(2026, 12), Paris.MonthOf(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new KpiMonth(2026, 11), Paris.MonthOf(new DateTimeOffset(2026, 11, 30, 22, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), Paris.StartOf(new KpiMonth(2026, 12)));
    }

    [Fact]
    public void Summer_months_start_at_the_summer_offset() =>
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), Paris.StartOf(new KpiMonth(2026, 7)));

    [Fact]
    public void Business_duration_counts_working_hours_only()
    {
        // Friday 6 November 17:00 Paris → Monday 9 November 10:00 Paris: 1 h on Friday + 1 h on Monday.
        var friday = new DateTimeOffset(2026, 11, 6, 17, 0, 0, TimeSpan.FromHours(1));
        var monday = new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromHours(2), Paris.BusinessDuration(friday, monday));
        Assert.Equal(TimeSpan.FromHours(65), monday - friday);
    }

    [Fact]
    public void Business_duration_skips_french_public_holidays()
    {
        // Wednesday 11 November 2026 is Armistice day: Tuesday 17:00 → Thursday 10:00 is 1 h + 1 h.
        var tuesday = new DateTimeOffset(2026, 11, 10, 17, 0, 0, TimeSpan.FromHours(1));
        var thursday = new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.FromHours(1));
        Assert.True(Paris.IsHoliday(new DateOnly(2026, 11, 11)));
        Assert.Equal(TimeSpan.FromHours(2), Paris.BusinessDuration(tuesday, thursday));
    }

    [Fact]
    public void Easter_monday_is_a_holiday_in_france() =>
        Assert.True(Paris.IsHoliday(new DateOnly(2027, 3, 29)));

    [Fact]
    public void Business_duration_is_zero_when_the_end_is_not_after_the_start() =>
        Assert.Equal(TimeSpan.Zero, Paris.BusinessDuration(KpiEvents.Start, KpiEvents.Start.AddMinutes(-5)));

    [Fact]
    public void Without_a_holiday_country_every_working_day_counts()
    {
        var calendar = new KpiCalendar(Paris.Zone, new TimeOnly(9, 0), new TimeOnly(18, 0), Paris.Workdays, "none");
        Assert.False(calendar.IsHoliday(new DateOnly(2026, 11, 11)));
        Assert.Null(calendar.HolidayCountry);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("26-11", false)]
    [InlineData("2026/11", false)]
    [InlineData(null, false)]
    public void Months_parse_only_as_YYYY_MM(string? text, bool valid) => Assert.Equal(valid, KpiMonth.TryParse(text, out _));
}
