using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Reporting;

/// <summary>
/// The Today page's figures, computed from two bounded sets: the leads captured since the start of the day and the
/// leads still waiting for a rep (<c>mql</c> or <c>assigned</c>, whatever their capture day). Reminders and
/// reassignments are read from the leads' own fields (<see cref="Lead.RemindedAt"/>, the current assignment's time),
/// so a lead counts once however many times it was reminded.
/// </summary>
public sealed record TodaySummary(
    DateTimeOffset DayStart,
    IReadOnlyDictionary<Channel, IReadOnlyDictionary<TodayOutcome, int>> ByChannel,
    IReadOnlyList<WaitingLead> Waiting,
    int Reminders,
    int Reassignments,
    TimeSpan? MedianSystemDelay,
    int SystemDelayCount,
    TimeSpan? MedianHumanDelay,
    int HumanDelayCount)
{
    public int Total(TodayOutcome outcome) => ByChannel.Values.Sum(c => c.GetValueOrDefault(outcome));

    public int Total(Channel channel) => ByChannel.TryGetValue(channel, out var counts) ? counts.Values.Sum() : 0;

    public int Total() => ByChannel.Values.Sum(c => c.Values.Sum());

    public static TodaySummary From(IReadOnlyCollection<Lead> capturedToday, IEnumerable<Lead> waiting, DateTimeOffset dayStart, DateTimeOffset now)
    {
        var byChannel = Enum.GetValues<Channel>().ToDictionary(
            c => c,
            c => (IReadOnlyDictionary<TodayOutcome, int>)Enum.GetValues<TodayOutcome>().ToDictionary(
                o => o, o => capturedToday.Count(l => l.Channel == c && OutcomeOf(l) == o)));

        var all = capturedToday.Concat(waiting).DistinctBy(l => l.Id).ToList();
        var open = all.Where(l => l.Status is LeadStatus.Mql or LeadStatus.Assigned)
            .Select(l => new WaitingLead(l.Id, l.Status, l.Assignment?.RepEmail, now - l.CapturedAt))
            .OrderByDescending(w => w.Age)
            .ToList();
        int reminders = all.Count(l => l.RemindedAt >= dayStart);
        int reassignments = all.Count(l => l.ReassignmentCount > 0 && l.Assignment?.AssignedAt >= dayStart);

        var velocities = capturedToday.Select(LeadVelocity.Of).ToList();
        var system = velocities.Where(v => v.SystemDelay is not null).Select(v => v.SystemDelay!.Value).ToList();
        var human = velocities.Where(v => v.HumanDelay is not null).Select(v => v.HumanDelay!.Value).ToList();
        return new TodaySummary(dayStart, byChannel, open, reminders, reassignments, Median(system), system.Count, Median(human), human.Count);
    }

    /// <summary>The outcome of screening as the lead's status says it now; sales stages after MQL count as MQL.</summary>
    public static TodayOutcome OutcomeOf(Lead lead) => lead.Status switch
    {
        LeadStatus.Spam => TodayOutcome.Spam,
        LeadStatus.RoutedService => TodayOutcome.Service,
        LeadStatus.RoutedHr => TodayOutcome.Hr,
        LeadStatus.RoutedOther => TodayOutcome.Other,
        LeadStatus.Captured or LeadStatus.Review => TodayOutcome.Pending,
        _ => TodayOutcome.Mql,
    };

    /// <summary>The median; with an even count, the mean of the two middle values.</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }
}
