using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using Xunit.Abstractions;
using static LeadIntake.Core.Tests.Dispatch.SampleDirectory;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

/// <summary>
/// Simulations of the weighted round robin over many leads: shares follow the weights among available reps,
/// a rep back from absence gets no flood, and membership changes keep every count.
/// </summary>
public sealed class RotationFairnessTests(ITestOutputHelper output)
{
    private static readonly Lead Lead = Mql(message: "usinage");

    private static (TeamRotation Rotation, string Rep) Next(SalesDirectory directory, TeamRotation rotation, DateTimeOffset now)
    {
        var route = LeadAssigner.Route(Lead, directory, [FrIndustry]);
        var decision = LeadAssigner.Assign(Lead, directory, route, rotation, null, now);
        return (decision.Rotation, decision.Assignment.RepName ?? decision.Assignment.RepEmail);
    }

    [Fact]
    public void Ten_thousand_leads_are_shared_in_proportion_to_the_weights()
    {
        var directory = With(Rep("A", 1), Rep("B", 2), Rep("C", 3), Rep("D", 4));
        var rotation = TeamRotation.Start("industry");
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 10_000; i++)
        {
            (rotation, var rep) = Next(directory, rotation, Monday.AddSeconds(i));
            counts[rep] = counts.GetValueOrDefault(rep) + 1;
        }

        output.WriteLine(string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        // Stride scheduling is exact up to one lead per rep.
        Assert.InRange(counts["A"], 999, 1001);
        Assert.InRange(counts["B"], 1999, 2001);
        Assert.InRange(counts["C"], 2999, 3001);
        Assert.InRange(counts["D"], 3999, 4001);
    }

    [Fact]
    public void Ten_thousand_leads_with_capacity_and_a_vacation_follow_the_weights_of_available_reps_and_the_returning_rep_gets_no_flood()
    {
        // 100 days of 100 leads. D (weight 4) is capped at 25 a day, below its natural share; B (weight 2) is on
        // vacation from day 30 to day 59 and back on day 60.
        var a = Rep("A", 1); var b = Rep("B", 2); var c = Rep("C", 3); var d = Rep("D", 4, capacity: 25);
        var start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
        var backOn = start.AddDays(60);
        var present = With(a, b, c, d);
        var away = With(a, b with { OutOfOfficeUntil = backOn }, c, d);
        var rotation = TeamRotation.Start("industry");
        var normal = new Dictionary<string, int>();
        var vacation = new Dictionary<string, int>();
        int bInFirstTwentyAfterReturn = 0;
        int maxDailyD = 0;

        for (int day = 0; day < 100; day++)
        {
            var directory = day is >= 30 and < 60 ? away : present;
            var tally = day is >= 30 and < 60 ? vacation : normal;
            int dToday = 0;
            for (int i = 0; i < 100; i++)
            {
                (rotation, var rep) = Next(directory, rotation, start.AddDays(day).AddMinutes(8 * 60 + 5 * i));
                tally[rep] = tally.GetValueOrDefault(rep) + 1;
                if (rep == "D") dToday++;
                if (day == 60 && i < 20 && rep == "B") bInFirstTwentyAfterReturn++;
            }
            maxDailyD = Math.Max(maxDailyD, dToday);
        }

        output.WriteLine($"normal days (70): {string.Join(", ", normal.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        output.WriteLine($"vacation days (30): {string.Join(", ", vacation.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        output.WriteLine($"B in the first 20 leads after returning: {bInFirstTwentyAfterReturn}; D's busiest day: {maxDailyD}");

        Assert.Equal(25, maxDailyD);
        Assert.Equal(70 * 25, normal["D"]);
        Assert.Equal(30 * 25, vacation["D"]);
        // Uncapped reps share what D can't take in proportion to their weights (1:2:3 with B, 1:3 without), ±3%.
        Assert.InRange(normal["A"], 70 * 75 / 6 * 0.97, 70 * 75 / 6 * 1.03);
        Assert.InRange(normal["B"], 70 * 75 * 2 / 6 * 0.97, 70 * 75 * 2 / 6 * 1.03);
        Assert.InRange(normal["C"], 70 * 75 * 3 / 6 * 0.97, 70 * 75 * 3 / 6 * 1.03);
        Assert.False(vacation.ContainsKey("B"));
        Assert.InRange(vacation["A"], 30 * 75 / 4 * 0.97, 30 * 75 / 4 * 1.03);
        Assert.InRange(vacation["C"], 30 * 75 * 3 / 4 * 0.97, 30 * 75 * 3 / 4 * 1.03);
        // No flood: after 3,000 leads away, B's share of the next 20 stays near its weight share (2/10 → 4), plus one
        // for the immediate turn a returning rep gets.
        Assert.InRange(bInFirstTwentyAfterReturn, 3, 5);
    }

    [Fact]
    public void A_rep_back_from_vacation_is_not_flooded_while_a_naive_count_balancer_would_give_them_every_lead()
    {
        var alice = Rep("Alice"); var bob = Rep("Bob");
        var rotation = TeamRotation.Start("industry");
        for (int i = 0; i < 500; i++) rotation = Next(With(alice, bob with { Active = false }), rotation, Monday.AddSeconds(i)).Rotation;
        Assert.Equal(500, rotation.For("alice@corp.test")!.Assigned);

        var bobs = 0;
        for (int i = 0; i < 100; i++)
        {
            (rotation, var rep) = Next(With(alice, bob), rotation, Monday.AddHours(1).AddSeconds(i));
            if (rep == "Bob") bobs++;
        }

        // A balancer that equalises totals would hand Bob the next 100 leads (he's 500 behind); here he gets half.
        Assert.InRange(bobs, 49, 51);
    }

    [Fact]
    public void Team_change_keeps_every_count_and_a_new_member_gets_only_their_share()
    {
        var a = Rep("A", 1); var b = Rep("B", 1); var e = Rep("E", 2);
        var rotation = TeamRotation.Start("industry");
        for (int i = 0; i < 5_000; i++) rotation = Next(With(a, b), rotation, Monday.AddSeconds(i)).Rotation;
        var before = rotation.Reps.ToDictionary(p => p.Key, p => p.Value.Assigned, StringComparer.OrdinalIgnoreCase);

        var counts = new Dictionary<string, int>();
        int eInFirstTwenty = 0;
        for (int i = 0; i < 5_000; i++)
        {
            (rotation, var rep) = Next(With(a, e, b), rotation, Monday.AddHours(2).AddSeconds(i));
            counts[rep] = counts.GetValueOrDefault(rep) + 1;
            if (i < 20 && rep == "E") eInFirstTwenty++;
        }

        Assert.Equal(before["a@corp.test"] + counts["A"], rotation.For("a@corp.test")!.Assigned);
        Assert.Equal(before["b@corp.test"] + counts["B"], rotation.For("b@corp.test")!.Assigned);
        Assert.InRange(eInFirstTwenty, 9, 11);
        Assert.InRange(counts["E"], 2_499, 2_501);
        Assert.InRange(counts["A"], 1_249, 1_251);

        // Removing E later keeps E's history in the rotation, and A and B carry on at 1:1.
        var removed = rotation;
        for (int i = 0; i < 100; i++) removed = Next(With(a, b), removed, Monday.AddHours(4).AddSeconds(i)).Rotation;
        Assert.Equal(rotation.For("e@corp.test"), removed.For("e@corp.test"));
        Assert.Equal(100, removed.For("a@corp.test")!.Assigned + removed.For("b@corp.test")!.Assigned
            - rotation.For("a@corp.test")!.Assigned - rotation.For("b@corp.test")!.Assigned);
    }
}
