using System.Collections.Concurrent;
using PublicHoliday;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// The account's calendar: months are cut in its time zone, and business hours are its working days and hours minus
/// its country's public holidays (the PublicHoliday library). Pure: the options come in, durations come out.
/// </summary>
public sealed class KpiCalendar
{
    private readonly PublicHolidayBase? _holidays;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidaysByYear = new();

    public KpiCalendar(TimeZoneInfo zone, TimeOnly dayStart, TimeOnly dayEnd, IReadOnlySet<DayOfWeek> workdays, string? holidayCountry)
    {
        if (dayEnd <= dayStart) throw new ArgumentException("The business day must end after it starts.", nameof(dayEnd));
        Zone = zone;
        DayStart = dayStart;
        DayEnd = dayEnd;
        Workdays = workdays;
        _holidays = HolidaysOf(holidayCountry);
        HolidayCountry = _holidays is null ? null : holidayCountry!.ToUpperInvariant();
    }

    /// <summary>Europe/Paris, Monday to Friday 09:00–18:00, French public holidays: the defaults of the settings.</summary>
    public static KpiCalendar Default { get; } = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), new TimeOnly(9, 0), new TimeOnly(18, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }, "FR");

    public TimeZoneInfo Zone { get; }
    public TimeOnly DayStart { get; }
    public TimeOnly DayEnd { get; }
    public IReadOnlySet<DayOfWeek> Workdays { get; }
    public string? HolidayCountry { get; }

    /// <summary>Country codes with a public holiday calendar; anything else means "no holidays".</summary>
    public static IReadOnlyList<string> HolidayCountries { get; } = ["FR", "BE", "DE", "GB", "US", "ES", "IT", "NL", "CH"];

    public KpiMonth MonthOf(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, Zone);
        return new KpiMonth(local.Year, local.Month);
    }

    /// <summary>The instant the month starts in the account's time zone.</summary>
    public DateTimeOffset StartOf(KpiMonth month) => AtLocal(new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified));

    public bool IsHoliday(DateOnly day) => _holidays is not null && _holidaysByYear.GetOrAdd(day.Year, year =>
        [.. _holidays.PublicHolidays(year).Select(DateOnly.FromDateTime)]).Contains(day);

    public bool IsBusinessDay(DateOnly day) => Workdays.Contains(day.DayOfWeek) && !IsHoliday(day);

    /// <summary>The business time between two instants: the part of each working day's hours that falls between them.</summary>
    public TimeSpan BusinessDuration(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, Zone).DateTime);
        var total = TimeSpan.Zero;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!IsBusinessDay(day)) continue;
            var open = AtLocal(day.ToDateTime(DayStart));
            var close = AtLocal(day.ToDateTime(DayEnd));
            var start = open > from ? open : from;
            var end = close < to ? close : to;
            if (end > start) total += end - start;
        }
        return total;
    }

    private DateTimeOffset AtLocal(DateTime local)
    {
        // A local time skipped by a daylight-saving jump does not exist: take the first time after the jump.
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static PublicHolidayBase? HolidaysOf(string? country) => country?.ToUpperInvariant() switch
    {
        "FR" => new FrancePublicHoliday(),
        "BE" => new BelgiumPublicHoliday(),
        "DE" => new GermanPublicHoliday(),
        "GB" => new UKBankHoliday(),
        "US" => new USAPublicHoliday(),
        "ES" => new SpainPublicHoliday(),
        "IT" => new ItalyPublicHoliday(),
        "NL" => new DutchPublicHoliday(),
        "CH" => new SwitzerlandPublicHoliday(),
        _ => null,
    };
}
