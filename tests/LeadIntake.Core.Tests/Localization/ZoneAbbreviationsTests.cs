using System.Globalization;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Tests.Localization;

public sealed class ZoneAbbreviationsTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Winter = new(2026, 12, 2, 7, 29, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 2, 7, 29, 0, TimeSpan.Zero);

    [Fact]
    public void A_French_rep_reads_Paris_time_with_CET_in_winter() =>
        Assert.Equal("02/12/2026 08:29 CET", ZoneAbbreviations.Format(Winter, Paris, RepTexts.French["Mail_DateTimeFormat"], RepTexts.French.Culture));

    [Fact]
    public void A_French_rep_reads_Paris_time_with_CEST_in_summer() =>
        Assert.Equal("02/07/2026 09:29 CEST", ZoneAbbreviations.Format(Summer, Paris, RepTexts.French["Mail_DateTimeFormat"], RepTexts.French.Culture));

    [Fact]
    public void An_English_rep_reads_the_same_time_in_English_words() =>
        Assert.Equal("Wed 2 Dec 2026 08:29 CET", ZoneAbbreviations.Format(Winter, Paris, RepTexts.English["Mail_DateTimeFormat"], RepTexts.English.Culture));

    [Fact]
    public void Utc_reads_UTC() =>
        Assert.Equal("Wed 2 Dec 2026 07:29 UTC", ZoneAbbreviations.Format(Winter, TimeZoneInfo.Utc, RepTexts.English["Mail_DateTimeFormat"], CultureInfo.GetCultureInfo("en")));

    [Fact]
    public void A_zone_missing_from_the_table_shows_its_offset()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        Assert.Equal("UTC+05:30", ZoneAbbreviations.Abbreviation(Winter, kolkata));
        var custom = TimeZoneInfo.CreateCustomTimeZone("Test/West", TimeSpan.FromHours(-3), "West", "West");
        Assert.Equal("UTC-03:00", ZoneAbbreviations.Abbreviation(Winter, custom));
    }

    [Fact]
    public void New_York_switches_between_EST_and_EDT()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("EST", ZoneAbbreviations.Abbreviation(Winter, newYork));
        Assert.Equal("EDT", ZoneAbbreviations.Abbreviation(Summer, newYork));
    }
}
