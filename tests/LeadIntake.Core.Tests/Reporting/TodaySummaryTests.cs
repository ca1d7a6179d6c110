using LeadIntake.Core.Leads;
using LeadIntake.Core.Reporting;

namespace LeadIntake.Core.Tests.Reporting;

public sealed class TodaySummaryTests
{
    private static readonly DateTimeOffset DayStart = SampleLeads.Monday.Date;
    private static readonly DateTimeOffset Now = SampleLeads.Monday.AddHours(3);

    private static Lead Captured(LeadStatus status, Channel channel = Channel.Form, int minutes = 0) =>
        SampleLeads.Mql(channel: channel, at: SampleLeads.Monday.AddMinutes(minutes)).MovedTo(status, SampleLeads.Monday.AddMinutes(minutes));

    [Fact]
    public void Today_counts_leads_by_channel_and_outcome()
    {
        var leads = new[]
        {
            Captured(LeadStatus.Spam), Captured(LeadStatus.Spam, Channel.Email), Captured(LeadStatus.RoutedService, Channel.Call),
            Captured(LeadStatus.RoutedHr), Captured(LeadStatus.RoutedOther, Channel.Social), Captured(LeadStatus.Assigned),
            Captured(LeadStatus.Won), Captured(LeadStatus.Review, Channel.Email),
        };
        var summary = TodaySummary.From(leads, [], DayStart, Now);

        Assert.Equal(8, summary.Total());
        Assert.Equal(2, summary.Total(TodayOutcome.Spam));
        Assert.Equal(2, summary.Total(TodayOutcome.Mql));
        Assert.Equal(1, summary.Total(TodayOutcome.Pending));
        Assert.Equal(1, summary.ByChannel[Channel.Call][TodayOutcome.Service]);
        Assert.Equal(1, summary.ByChannel[Channel.Social][TodayOutcome.Other]);
        Assert.Equal(4, summary.Total(Channel.Form));
    }

    [Fact]
    public void Today_lists_open_leads_waiting_for_a_rep_oldest_first_once_each()
    {
        var yesterday = SampleLeads.Mql(at: SampleLeads.Monday.AddDays(-1)).MovedTo(LeadStatus.Assigned, SampleLeads.Monday.AddDays(-1));
        var today = Captured(LeadStatus.Assigned, minutes: 30);
        var accepted = Captured(LeadStatus.Accepted, minutes: 10);

        var summary = TodaySummary.From([today, accepted], [yesterday, today], DayStart, Now);

        Assert.Equal([yesterday.Id, today.Id], summary.Waiting.Select(w => w.Id));
        Assert.Equal(TimeSpan.FromHours(2.5), summary.Waiting[1].Age);
    }

    [Fact]
    public void Today_counts_reminders_and_reassignments_of_today_only()
    {
        var reminded = Captured(LeadStatus.Assigned) with { RemindedAt = SampleLeads.Monday.AddMinutes(6) };
        var remindedYesterday = Captured(LeadStatus.Assigned) with { RemindedAt = DayStart.AddHours(-2) };
        var reassigned = Captured(LeadStatus.Assigned) with
        {
            ReassignmentCount = 2,
            Assignment = new RepAssignment("bob@corp.test", "Bob", "sla", SampleLeads.Monday.AddMinutes(20)),
        };

        var summary = TodaySummary.From([reminded, reassigned], [remindedYesterday], DayStart, Now);

        Assert.Equal(1, summary.Reminders);
        Assert.Equal(1, summary.Reassignments);
    }

    [Fact]
    public void Today_takes_the_median_system_and_human_delays_of_todays_leads()
    {
        Lead With(int notifiedAfterSeconds, int? acceptedAfterMinutes)
        {
            var lead = Captured(LeadStatus.Accepted);
            return lead with
            {
                RepNotifiedAt = lead.CapturedAt.AddSeconds(notifiedAfterSeconds),
                RepAcceptedAt = acceptedAfterMinutes is { } m ? lead.CapturedAt.AddSeconds(notifiedAfterSeconds).AddMinutes(m) : null,
            };
        }
        var summary = TodaySummary.From([With(2, 4), With(4, null), With(60, 10), With(3, 6)], [], DayStart, Now);

        Assert.Equal(TimeSpan.FromSeconds(3.5), summary.MedianSystemDelay);
        Assert.Equal(4, summary.SystemDelayCount);
        Assert.Equal(TimeSpan.FromMinutes(6), summary.MedianHumanDelay);
        Assert.Equal(3, summary.HumanDelayCount);
    }

    [Fact]
    public void A_day_without_leads_has_no_median()
    {
        var summary = TodaySummary.From([], [], DayStart, Now);
        Assert.Null(summary.MedianSystemDelay);
        Assert.Null(summary.MedianHumanDelay);
        Assert.Equal(0, summary.Total());
        Assert.Empty(summary.Waiting);
    }
}
