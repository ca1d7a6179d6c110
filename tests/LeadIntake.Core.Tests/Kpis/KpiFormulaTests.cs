using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Kpis.KpiEvents;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class KpiFormulaTests
{
    private static (LeadKpiProfile, LeadEvent[]) Commercial(DateTimeOffset at, Channel channel = Channel.Form, string source = "google", params Func<DateTimeOffset, LeadEvent>[] more)
    {
        var events = new List<LeadEvent> { Captured(at), Screened(at.AddSeconds(30), "mql") };
        events.AddRange(more.Select((m, i) => m(at.AddMinutes(10 * (i + 1)))));
        return (Profile(at, channel, source), [.. events]);
    }

    [Fact]
    public void A_stage_counts_once_per_episode_even_when_reached_twice()
    {
        var at = Start;
        // Reported as spam by the rep, released, screened again as MQL: still one MQL.
        var events = new[] { Captured(at), Screened(at.AddSeconds(1), "mql"), Assigned(at.AddMinutes(1)),
            new LeadEvent(LeadEventType.Disqualified, at.AddMinutes(5), "alice@corp.test", "spam"), Released(at.AddMinutes(30)), Screened(at.AddMinutes(31), "mql") };
        var report = Report(Sum((Profile(at), events)), November);
        Assert.Equal(1, report.Total.Mql);
        Assert.Equal(1, report.Total.Mcl);
        Assert.Equal(0, report.Total.Spam); // the lead's latest verdict is commercial
        Assert.Equal(1, report.Screening.Released);
    }

    [Fact]
    public void A_return_from_nurture_is_a_re_mql_counted_apart_and_its_stages_count_again()
    {
        var at = Start;
        var events = new[] { Captured(at), Screened(at, "mql"), Assigned(at.AddMinutes(1)), Accepted(at.AddMinutes(3)), Sql(at.AddHours(1)),
            Nurtured(at.AddDays(2)), Retouched(at.AddDays(10)), Assigned(at.AddDays(10).AddMinutes(1)), Sql(at.AddDays(11)) };
        var report = Report(Sum((Profile(at), events)), November);
        Assert.Equal(1, report.Total.Mql);
        Assert.Equal(1, report.Total.Remql);
        Assert.Equal(2, report.Total.Sql);
        Assert.Equal(1, report.Total.Nurture);
    }

    [Fact]
    public void Spam_is_outside_the_funnel_and_service_hr_other_count_as_mcl_but_not_in_commercial_rates()
    {
        var at = Start;
        var report = Report(Sum(
            (Profile(at), [Captured(at), Screened(at, "spam")]),
            (Profile(at), [Captured(at), Screened(at, "routed_service")]),
            (Profile(at), [Captured(at), Screened(at, "routed_hr")]),
            (Profile(at), [Captured(at), Screened(at, "routed_other")]),
            Commercial(at, more: [Assigned, Accepted, Sql, Sal, Opportunity, Won])), November);
        Assert.Equal(1, report.Total.Spam);
        Assert.Equal(4, report.Total.Mcl);
        Assert.Equal((1, 1, 1), (report.Total.Service, report.Total.Hr, report.Total.Other));
        Assert.Equal(1, report.Total.Mql);
        Assert.Equal(1.0, report.Total.Transformation); // won ÷ MQL: the routed requests are not in the denominator
        Assert.Equal(0.2, report.Screening.SpamShare);
        Assert.Equal(0.25, report.Screening.ServiceShare);
    }

    [Fact]
    public void Conversion_is_mcl_over_visitors_and_null_without_visitors()
    {
        var cells = Sum(Commercial(Start), Commercial(Start.AddHours(1)));
        Assert.Null(Report(cells, November).Total.Conversion);
        Assert.Equal(0.002, Report(cells, November, inputs: new KpiInputs(1000, [])).Total.Conversion);
        Assert.Null(Report(cells, November, inputs: new KpiInputs(0, [])).Total.Conversion);
    }

    [Fact]
    public void Lvr_compares_mql_with_the_month_before_and_is_null_without_one()
    {
        var october = Start.AddDays(-20);
        var cells = Sum(Commercial(october), Commercial(october.AddHours(1)), Commercial(Start), Commercial(Start.AddHours(1)), Commercial(Start.AddHours(2)));
        Assert.Equal(0.5, Report(cells, November).Total.Lvr);
        Assert.Null(Report(cells, new KpiMonth(2026, 10)).Total.Lvr);
    }

    [Fact]
    public void Cpl_and_cac_divide_spend_and_are_null_on_a_zero_denominator()
    {
        var cells = Sum(Commercial(Start, more: [Assigned, Accepted, Sql, Sal, Opportunity, Won]), Commercial(Start.AddHours(1)));
        var spend = new KpiInputs(null, [
            new SpendLine(November, Channel.Form, "google", "", SpendKind.LeadGeneration, 300m, "EUR"),
            new SpendLine(November, Channel.Form, "google", "", SpendKind.Conversion, 100m, "EUR"),
        ]);
        var report = Report(cells, November, inputs: spend);
        Assert.Equal(150m, report.Total.Cpl);
        Assert.Equal(400m, report.Total.Cac);
        Assert.Null(report.Channels["email"].Cpl);
        Assert.Null(report.Channels["email"].Cac);
        Assert.Empty(report.UnmatchedSpend);
    }

    [Fact]
    public void Cpl_and_cac_are_null_when_no_spend_was_entered_not_zero()
    {
        var report = Report(Sum(Commercial(Start, more: [Assigned, Accepted, Sql, Sal, Opportunity, Won])), November);
        Assert.Null(report.Total.Cpl);
        Assert.Null(report.Total.Cac);
    }

    [Fact]
    public void Spend_that_matches_no_lead_is_listed()
    {
        var cells = Sum(Commercial(Start));
        var spend = new KpiInputs(null, [new SpendLine(November, Channel.Social, "linkedin", "winter", SpendKind.LeadGeneration, 900m, "EUR")]);
        var unmatched = Assert.Single(Report(cells, November, inputs: spend).UnmatchedSpend);
        Assert.Equal(("social", "linkedin", 900m), (unmatched.Channel, unmatched.Source, unmatched.Amount));
    }

    [Fact]
    public void Cohort_mode_counts_what_the_month_s_leads_became_within_the_window()
    {
        // Captured in November, SQL 40 days later: in the 90-day cohort, not in the 30-day one, and not in November's period.
        var at = Start;
        var lead = (Profile(at), new[] { Captured(at), Screened(at, "mql"), Assigned(at.AddMinutes(1)), Sql(at.AddDays(40)) });
        var cells = Sum(lead);
        Assert.Equal(1, Report(cells, November, KpiMode.Cohort, window: 90).Total.Sql);
        Assert.Equal(0, Report(cells, November, KpiMode.Cohort, window: 30).Total.Sql);
        Assert.Equal(0, Report(cells, November, KpiMode.Period).Total.Sql);
        Assert.Equal(1, Report(cells, new KpiMonth(2026, 12), KpiMode.Period).Total.Sql);
    }

    [Fact]
    public void A_cohort_window_that_has_not_ended_is_flagged()
    {
        var cells = Sum(Commercial(Start));
        Assert.False(Report(cells, November, KpiMode.Cohort, window: 90, now: Start.AddDays(30)).WindowComplete);
        Assert.True(Report(cells, November, KpiMode.Cohort, window: 30, now: Start.AddDays(60)).WindowComplete);
    }

    [Fact]
    public void Velocity_gives_median_p90_count_and_the_share_still_open()
    {
        // Three MQLs: SQL after 1 h and after 2 h; the third is still open.
        var at = Start;
        var cells = Sum(
            (Profile(at), [Captured(at), Screened(at, "mql"), Assigned(at), Sql(at.AddHours(1))]),
            (Profile(at), [Captured(at), Screened(at, "mql"), Assigned(at), Sql(at.AddHours(2))]),
            (Profile(at), [Captured(at), Screened(at, "mql"), Assigned(at)]));
        var velocity = Report(cells, November).Total.Velocity["mql_to_sql"];
        Assert.Equal(2, velocity.Count);
        Assert.Equal(3, velocity.Entered);
        Assert.Equal(1, velocity.OpenCount);
        Assert.Equal(1.0 / 3, velocity.Open!.Value, 6);
        Assert.InRange(velocity.P50Seconds!.Value, 3600 * 0.909, 3600 * 1.091);
        Assert.InRange(velocity.P90Seconds!.Value, 7200 * 0.909, 7200 * 1.091);
        Assert.Equal("01:", velocity.P50![..3]);
    }

    [Fact]
    public void Velocity_in_business_hours_leaves_out_nights_and_weekends()
    {
        // MQL Friday 17:00 Paris, SQL Monday 10:00 Paris: 65 h on the wall clock, 2 h of business time.
        var friday = new DateTimeOffset(2026, 11, 6, 16, 0, 0, TimeSpan.Zero);
        var cells = Sum((Profile(friday), [Captured(friday), Screened(friday, "mql"), Assigned(friday), Sql(friday.AddHours(65))]));
        var velocity = Report(cells, November).Total.Velocity["mql_to_sql"];
        Assert.InRange(velocity.P50Seconds!.Value, 65 * 3600 * 0.909, 65 * 3600 * 1.091);
        Assert.InRange(velocity.Business.P50Seconds!.Value, 2 * 3600 * 0.909, 2 * 3600 * 1.091);
    }

    [Fact]
    public void Mql_to_sql_is_shown_active_elapsed_and_as_the_share_through_nurture()
    {
        // First MQL, 2 days to nurture, 10 days in nurture, back, SQL 1 day later: 13 days elapsed, 3 days active.
        var at = Start;
        var events = new[] { Captured(at), Screened(at, "mql"), Assigned(at), Nurtured(at.AddDays(2)), Retouched(at.AddDays(12)), Assigned(at.AddDays(12)), Sql(at.AddDays(13)) };
        var report = Report(Sum((Profile(at), events)), November);
        Assert.InRange(report.Total.Velocity["mql_to_sql_elapsed"].P50Seconds!.Value, 13 * 86400 * 0.909, 13 * 86400 * 1.091);
        Assert.InRange(report.Total.Velocity["mql_to_sql_active"].P50Seconds!.Value, 3 * 86400 * 0.909, 3 * 86400 * 1.091);
        Assert.Equal(1, report.Total.SqlViaNurture);
        Assert.Equal(1.0, report.Total.SqlViaNurtureShare);
    }

    [Theory]
    [InlineData(4, "under5")]
    [InlineData(5, "under5")]
    [InlineData(14, "under15")]
    [InlineData(59, "under60")]
    [InlineData(61, "over60")]
    public void Speed_to_lead_falls_in_its_band(int minutes, string band)
    {
        var at = Start;
        var cells = Sum((Profile(at), [Captured(at), Screened(at, "mql"), Assigned(at.AddMinutes(1)), Accepted(at.AddMinutes(minutes))]));
        var speed = Report(cells, November).SpeedToLead;
        Assert.Equal(1, speed.Bands[band]);
        Assert.Equal(1, speed.Bands.Values.Sum());
    }

    [Fact]
    public void Per_rep_figures_give_accept_rate_sla_breaches_and_won()
    {
        var at = Start;
        var cells = Sum(
            (Profile(at, rep: "alice@corp.test"), [Captured(at), Screened(at, "mql"), Assigned(at), SlaReminded(at.AddMinutes(30)), Accepted(at.AddMinutes(40)), Sql(at.AddHours(1)), Sal(at.AddHours(1)), Opportunity(at.AddDays(1)), Won(at.AddDays(2))]),
            (Profile(at, rep: "alice@corp.test"), [Captured(at), Screened(at, "mql"), Assigned(at)]));
        var alice = Assert.Single(Report(cells, November).Reps);
        Assert.Equal(("alice@corp.test", 2L, 1L, 0.5, 1L, 1L), (alice.Rep, alice.Assigned, alice.Accepted, alice.AcceptRate!.Value, alice.SlaBreaches, alice.Won));
    }

    [Fact]
    public void Released_share_is_released_over_quarantined()
    {
        var at = Start;
        var cells = Sum(
            (Profile(at), [Captured(at), Screened(at, "spam"), Released(at.AddHours(1)), Screened(at.AddHours(1), "mql")]),
            (Profile(at), [Captured(at), Screened(at, "spam")]),
            (Profile(at), [Captured(at), Screened(at, "spam")]),
            (Profile(at), [Captured(at), Screened(at, "review")]));
        var quality = Report(cells, November).Screening;
        Assert.Equal((4L, 1L, 0.25), (quality.Quarantined, quality.Released, quality.ReleasedShare!.Value));
        Assert.Equal(2, quality.Spam);
    }

    [Fact]
    public void Rates_are_null_and_counts_zero_for_an_empty_month()
    {
        var report = Report([], November);
        Assert.Equal(0, report.Total.Mcl);
        Assert.Null(report.Total.Transformation);
        Assert.Null(report.Total.Cpl);
        Assert.Null(report.Total.Cac);
        Assert.Null(report.Total.Lvr);
        Assert.Null(report.Total.Velocity["mql_to_sql"].P50);
        Assert.Null(report.Screening.SpamShare);
    }

    [Fact]
    public void Duplicate_and_reordered_events_give_the_same_counters()
    {
        var profile = Profile(Start);
        LeadEvent[] events = [Captured(Start), Screened(Start, "mql"), Assigned(Start.AddMinutes(1)), Accepted(Start.AddMinutes(2)), Sql(Start.AddHours(1)), Sal(Start.AddHours(1))];
        var once = LeadKpiContributions.Compute(profile, events, KpiCalendar.Default);
        var messy = LeadKpiContributions.Compute(profile, [.. events.Reverse(), events[3], events[4]], KpiCalendar.Default);
        Assert.Equal(once.OrderBy(c => c.Key.Key), messy.OrderBy(c => c.Key.Key));
    }

    [Fact]
    public void Hours_minutes_reads_past_a_day() => Assert.Equal("52:10", KpiReportBuilder.HoursMinutes(TimeSpan.FromMinutes(52 * 60 + 10)));
}
