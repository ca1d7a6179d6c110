using System.Globalization;

namespace LeadIntake.Core.Kpis;

/// <summary>A calendar month of the account's time zone, written <c>YYYY-MM</c> (API) or <c>yyyyMM</c> (table keys).</summary>
public readonly record struct KpiMonth(int Year, int Month) : IComparable<KpiMonth>
{
    public static bool TryParse(string? text, out KpiMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year) ||
            !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)) return false;
        if (year is < 2000 or > 9998 || m is < 1 or > 12) return false;
        month = new KpiMonth(year, m);
        return true;
    }

    public static KpiMonth FromKey(string key) =>
        new(int.Parse(key.AsSpan(0, 4), CultureInfo.InvariantCulture), int.Parse(key.AsSpan(4, 2), CultureInfo.InvariantCulture));

    /// <summary><c>yyyyMM</c>: sorts as text, used in table keys and cell keys.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}{Month:D2}");

    public KpiMonth AddMonths(int months)
    {
        int index = Year * 12 + (Month - 1) + months;
        return new KpiMonth(index / 12, index % 12 + 1);
    }

    public int CompareTo(KpiMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(KpiMonth a, KpiMonth b) => a.CompareTo(b) < 0;
    public static bool operator >(KpiMonth a, KpiMonth b) => a.CompareTo(b) > 0;
    public static bool operator <=(KpiMonth a, KpiMonth b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KpiMonth a, KpiMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
