using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Dispatch.SampleDirectory;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class LeadAssignerTests
{
    private static readonly SalesRep Alice = Rep("Alice");
    private static readonly SalesRep Bob = Rep("Bob");

    private static AssignmentDecision AssignInIndustry(Lead lead, SalesDirectory directory, TeamRotation? rotation = null, AccountOwner? owner = null, DateTimeOffset? now = null)
    {
        var route = LeadAssigner.Route(lead, directory, [FrIndustry]);
        return LeadAssigner.Assign(lead, directory, route, rotation ?? TeamRotation.Start(route.Team.Id), owner, now ?? Monday);
    }

    [Fact]
    public void Route_sends_a_french_lead_mentioning_a_keyword_to_the_rule_team()
    {
        var route = LeadAssigner.Route(Mql(message: "Besoin d'un devis pour de l'USINAGE de précision"), With(Alice), [FrIndustry]);

        Assert.Equal("industry", route.Team.Id);
        Assert.Equal("rule FR-Industry → team Industry", route.Explanation);
    }

    [Fact]
    public void Route_matches_keywords_without_accents_and_only_as_whole_words()
    {
        var rule = FrIndustry with { Keywords = ["développement"] };

        Assert.Equal("industry", LeadAssigner.Route(Mql(message: "DEVELOPPEMENT produit"), With(Alice), [rule]).Team.Id);
        Assert.Equal("general", LeadAssigner.Route(Mql(message: "sous-développements"), With(Alice), [rule]).Team.Id);
    }

    [Fact]
    public void Route_falls_back_to_the_default_team_when_no_rule_matches()
    {
        var route = LeadAssigner.Route(Mql(country: "DE", message: "usinage"), With(Alice), [FrIndustry]);

        Assert.Equal("general", route.Team.Id);
        Assert.Equal("no rule matched → team General", route.Explanation);
    }

    [Fact]
    public void Route_treats_an_unknown_country_as_outside_a_country_rule()
    {
        var route = LeadAssigner.Route(Mql(country: null, message: "usinage"), With(Alice), [FrIndustry]);

        Assert.Equal("general", route.Team.Id);
    }

    [Theory]
    [InlineData("jeanne@gmail.com", "free_mail", true)]
    [InlineData("jeanne@fonderie-vosges.fr", "free_mail", false)]
    [InlineData("jeanne@fonderie-vosges.fr", "corporate", true)]
    public void Route_matches_the_email_domain_type_segment(string email, string segment, bool matches)
    {
        var rule = new AssignmentRule { Name = "Seg", TeamId = "industry", Segments = [WireNames.Parse<Segment>(segment)] };

        var route = LeadAssigner.Route(Mql(email: email), With(Alice), [rule]);

        Assert.Equal(matches ? "industry" : "general", route.Team.Id);
    }

    [Fact]
    public void Route_reads_company_size_and_channel_for_segment_rules()
    {
        var rule = new AssignmentRule { Name = "Enterprise calls", TeamId = "industry", Segments = [Segment.Enterprise], Channels = [Channel.Call] };
        var big = new Dictionary<string, string> { ["company_size"] = "1 000+" };

        Assert.Equal("industry", LeadAssigner.Route(Mql(channel: Channel.Call, extra: big), With(Alice), [rule]).Team.Id);
        Assert.Equal("general", LeadAssigner.Route(Mql(channel: Channel.Form, extra: big), With(Alice), [rule]).Team.Id);
        Assert.Equal("general", LeadAssigner.Route(Mql(channel: Channel.Call, extra: new Dictionary<string, string> { ["effectif"] = "10-49" }), With(Alice), [rule]).Team.Id);
    }

    [Fact]
    public void Route_narrows_a_territory_by_postcode_prefix()
    {
        var rule = new AssignmentRule { Name = "IDF", TeamId = "industry", Territory = new Territory { Countries = ["FR"], PostcodePrefixes = ["75", "92"] } };

        Assert.Equal("industry", LeadAssigner.Route(Mql(extra: new Dictionary<string, string> { ["code_postal"] = "92 100" }), With(Alice), [rule]).Team.Id);
        Assert.Equal("general", LeadAssigner.Route(Mql(extra: new Dictionary<string, string> { ["zip"] = "69001" }), With(Alice), [rule]).Team.Id);
    }

    [Fact]
    public void Assign_explains_the_rule_team_pointer_skips_and_rep_in_one_line()
    {
        var directory = With(Alice with { OutOfOfficeUntil = Monday.AddDays(3) }, Bob);

        var decision = AssignInIndustry(Mql(message: "usinage"), directory);

        Assert.Equal("bob@corp.test", decision.Assignment.RepEmail);
        Assert.Equal("rule FR-Industry → team Industry → weighted round robin, pointer 1, Alice skipped: out of office → Bob", decision.Assignment.Reason);
        Assert.Equal(AssignmentMethod.RoundRobin, decision.Method);
        Assert.True(decision.RotationChanged);
    }

    [Fact]
    public void Dispatch_skips_rep_on_vacation_until_the_vacation_ends()
    {
        var directory = With(Alice with { OutOfOfficeUntil = Monday.AddHours(1) });

        Assert.Equal(AssignmentMethod.FallbackOwner, AssignInIndustry(Mql(message: "usinage"), directory).Method);
        Assert.Equal("alice@corp.test", AssignInIndustry(Mql(message: "usinage"), directory, now: Monday.AddHours(1)).Assignment.RepEmail);
    }

    [Fact]
    public void Assign_gives_the_lead_to_the_fallback_owner_with_the_reasons_when_nobody_is_eligible()
    {
        var directory = With(Alice with { Active = false }, Bob with { DailyCapacity = 0 });

        var decision = AssignInIndustry(Mql(message: "usinage"), directory);

        Assert.Equal("boss@corp.test", decision.Assignment.RepEmail);
        Assert.Equal(AssignmentMethod.FallbackOwner, decision.Method);
        Assert.False(decision.RotationChanged);
        Assert.Equal(
            "rule FR-Industry → team Industry → weighted round robin, Alice skipped: inactive, Bob skipped: at daily capacity (0) → no eligible rep → fallback owner boss@corp.test",
            decision.Assignment.Reason);
    }

    [Fact]
    public void Assign_skips_a_rep_who_does_not_speak_the_lead_language()
    {
        var directory = With(Rep("Hans", 1, null, "de"), Rep("Paul", 1, null, "fr", "en"));

        var decision = AssignInIndustry(Mql(message: "usinage"), directory);

        Assert.Equal("Paul", decision.Assignment.RepName);
        Assert.Contains("Hans skipped: doesn't speak fr", decision.Assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_counts_capacity_per_day_in_the_team_time_zone()
    {
        var directory = With(Alice with { DailyCapacity = 1 }, Bob with { DailyCapacity = 1 });
        var rotation = TeamRotation.Start("industry");
        for (int i = 0; i < 2; i++) rotation = AssignInIndustry(Mql(message: "usinage"), directory, rotation).Rotation;

        Assert.Equal(AssignmentMethod.FallbackOwner, AssignInIndustry(Mql(message: "usinage"), directory, rotation).Method);
        Assert.Equal(AssignmentMethod.RoundRobin, AssignInIndustry(Mql(message: "usinage"), directory, rotation, now: Monday.AddDays(1)).Method);
    }

    [Fact]
    public void Assign_gives_an_owned_account_to_its_owner_without_using_a_rotation_turn()
    {
        var directory = With(Alice, Bob);
        var rotation = TeamRotation.Start("industry");

        var decision = AssignInIndustry(Mql(message: "usinage"), directory, rotation, new AccountOwner("BOB@corp.test", AccountMatch.CompanyDomain));

        Assert.Equal("bob@corp.test", decision.Assignment.RepEmail);
        Assert.Equal("account owner (company domain) → Bob", decision.Assignment.Reason);
        Assert.Same(rotation, decision.Rotation);
        Assert.False(decision.RotationChanged);
    }

    [Fact]
    public void Assign_passes_over_an_account_owner_on_vacation_and_says_so()
    {
        var directory = With(Alice, Bob with { OutOfOfficeUntil = Monday.AddDays(1) });

        var decision = AssignInIndustry(Mql(message: "usinage"), directory, owner: new AccountOwner("bob@corp.test", AccountMatch.Contact));

        Assert.Equal("alice@corp.test", decision.Assignment.RepEmail);
        Assert.StartsWith("rule FR-Industry → team Industry → account owner Bob skipped: out of office, weighted round robin", decision.Assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reassign_picks_the_next_eligible_rep_and_never_a_previous_owner()
    {
        var carol = Rep("Carol");
        var directory = With(Alice, Bob, carol);
        var lead = InStatus(LeadStatus.Assigned) with { PreviousAssignees = ["bob@corp.test"] };

        var decision = LeadAssigner.Reassign(lead, directory, TeamRotation.Start("industry"), Monday);

        Assert.Equal("carol@corp.test", decision.Assignment.RepEmail);
        Assert.Contains("Alice skipped: already had this lead, Bob skipped: already had this lead", decision.Assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_refuses_a_rotation_of_another_team()
    {
        var lead = Mql(message: "usinage");
        var route = LeadAssigner.Route(lead, With(Alice), [FrIndustry]);

        Assert.Throws<ArgumentException>(() => LeadAssigner.Assign(lead, With(Alice), route, TeamRotation.Start("general"), null, Monday));
    }
}
