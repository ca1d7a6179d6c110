using System.Globalization;

namespace LeadIntake.Core.Localization;

/// <summary>
/// A time as a rep reads it: local to the team's zone, followed by the zone's usual abbreviation (<c>CET</c>/<c>CEST</c>).
/// .NET has no abbreviations (TimeZoneInfo names are long and OS-dependent), so a small table covers the common zones;
/// any other zone shows its offset (<c>UTC+05:30</c>), which is never wrong.
/// </summary>
public static class ZoneAbbreviations
{
    private static readonly Dictionary<string, (string Standard, string Daylight)> Known = Build();

    private static Dictionary<string, (string, string)> Build()
    {
        var table = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        void Add((string, string) names, params string[] zones)
        {
            foreach (var zone in zones) table[zone] = names;
        }
        Add(("CET", "CEST"), "Europe/Paris", "Europe/Brussels", "Europe/Luxembourg", "Europe/Monaco", "Europe/Berlin", "Europe/Madrid",
            "Europe/Rome", "Europe/Amsterdam", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen",
            "Europe/Prague", "Europe/Warsaw", "Europe/Budapest", "Africa/Algiers", "Africa/Tunis",
            "Romance Standard Time", "W. Europe Standard Time", "Central Europe Standard Time", "Central European Standard Time");
        Add(("GMT", "BST"), "Europe/London", "GMT Standard Time");
        Add(("WET", "WEST"), "Europe/Lisbon", "Atlantic/Canary");
        Add(("EET", "EEST"), "Europe/Athens", "Europe/Helsinki", "Europe/Bucharest", "Europe/Kyiv", "GTB Standard Time", "FLE Standard Time");
        Add(("EST", "EDT"), "America/New_York", "America/Toronto", "America/Montreal", "Eastern Standard Time");
        Add(("CST", "CDT"), "America/Chicago", "Central Standard Time");
        Add(("MST", "MDT"), "America/Denver", "Mountain Standard Time");
        Add(("PST", "PDT"), "America/Los_Angeles", "America/Vancouver", "Pacific Standard Time");
        Add(("UTC", "UTC"), "UTC", "Etc/UTC", "Etc/UCT", "Coordinated Universal Time");
        return table;
    }

    /// <summary>The abbreviation in force at <paramref name="at"/>, or <c>UTC±hh:mm</c> for a zone the table lacks.</summary>
    public static string Abbreviation(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (Known.TryGetValue(zone.Id, out var names)) return zone.IsDaylightSavingTime(at) ? names.Daylight : names.Standard;
        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset:hh\\:mm}";
    }

    /// <summary><paramref name="at"/> in <paramref name="zone"/> with <paramref name="format"/> and the abbreviation: <c>mer. 02/12/2026 08:29 CET</c>.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone, string format, CultureInfo culture) =>
        $"{TimeZoneInfo.ConvertTime(at, zone).ToString(format, culture)} {Abbreviation(at, zone)}";
}
