using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Qualification;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Qualification;

public sealed class StaleLinkSentenceTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    // 02:30 UTC on 3 December is still the evening of 2 December in New York (UTC-5 in winter).
    private static readonly DateTimeOffset JustAfterMidnightUtc = new(2026, 12, 3, 2, 30, 0, TimeSpan.Zero);

    private static (Lead Lead, LeadEvent[] Events) WonByAlice() =>
        (InStatus(LeadStatus.Won, JustAfterMidnightUtc), [new LeadEvent(LeadEventType.Won, JustAfterMidnightUtc, "alice@corp.test")]);

    [Fact]
    public void A_stale_link_dates_the_win_in_the_team_zone_with_its_abbreviation_not_in_utc()
    {
        var (lead, events) = WonByAlice();
        Assert.Equal("This lead was marked won on 2 December 2026 at 21:30 EST by Alice, so this link has nothing left to do.",
            StaleLinkSentence.Of(RepTexts.English, lead, events, NewYork));
    }

    [Fact]
    public void A_french_stale_link_dates_the_win_in_the_team_zone_in_french()
    {
        var (lead, events) = WonByAlice();
        var sentence = StaleLinkSentence.Of(RepTexts.French, lead, events, NewYork);
        Assert.Contains("le 2 décembre 2026 à 21:30 EST par Alice", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_win_read_in_utc_is_already_the_next_day()
    {
        var (lead, events) = WonByAlice();
        Assert.Contains("on 3 December 2026 at 02:30 UTC", StaleLinkSentence.Of(RepTexts.English, lead, events, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }
}
