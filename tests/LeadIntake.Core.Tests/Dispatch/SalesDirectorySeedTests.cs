using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Intake;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class SalesDirectorySeedTests
{
    private const string Seed = """
    {
      "defaultTeam": "general",
      "reps": [
        { "email": "alice@corp.test", "name": "Alice Martin", "languages": ["fr", "en"],
          "territory": { "countries": ["fr"], "postcodePrefixes": ["75", "92"] },
          "segments": ["corporate", "enterprise"], "weight": 2, "dailyCapacity": 20,
          "outOfOfficeUntil": "2025-08-20T09:00:00+02:00" },
        { "email": "bob@corp.test", "name": "Bob", "active": false }
      ],
      "teams": [
        { "id": "industry", "name": "Industry", "members": ["alice@corp.test", "bob@corp.test"], "manager": "boss@corp.test",
          "timeZone": "UTC", "sla": { "acceptWithinMinutes": 5, "reassignAfterMinutes": 20, "maxReassignments": 2 } },
        { "id": "general", "members": ["bob@corp.test"], "manager": "boss@corp.test", "fallbackOwner": "bob@corp.test" }
      ],
      "rules": [
        { "name": "FR-Industry", "team": "industry", "territory": { "countries": ["FR"] }, "languages": ["fr"],
          "segments": ["corporate"], "channels": ["form", "call"], "keywords": ["usinage", "machining"] }
      ]
    }
    """;

    [Fact]
    public void A_valid_seed_gives_the_directory_and_the_ordered_rules()
    {
        var parsed = Assert.IsType<ParseOutcome<RoutingSetup>.Parsed>(SalesDirectorySeed.Parse(Seed));

        var alice = parsed.Value.Directory.FindRep("ALICE@corp.test")!;
        Assert.Equal(["fr", "en"], alice.Languages);
        Assert.Equal(["FR"], alice.Territory.Countries);
        Assert.Equal([Segment.Corporate, Segment.Enterprise], alice.Segments);
        Assert.Equal(2, alice.Weight);
        Assert.Equal(20, alice.DailyCapacity);
        Assert.Equal(new DateTimeOffset(2025, 8, 20, 7, 0, 0, TimeSpan.Zero), alice.OutOfOfficeUntil);
        Assert.False(parsed.Value.Directory.FindRep("bob@corp.test")!.Active);
        var industry = parsed.Value.Directory.FindTeam("industry")!;
        Assert.Equal(TimeSpan.FromMinutes(20), industry.Sla.ReassignAfter);
        Assert.Equal("boss@corp.test", industry.FallbackOwner);
        Assert.Equal("general", parsed.Value.Directory.FindTeam("general")!.Name);
        var rule = Assert.Single(parsed.Value.Rules);
        Assert.Equal([Channel.Form, Channel.Call], rule.Channels);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_json_path()
    {
        const string bad = """
        {
          "defaultTeam": "nowhere",
          "reps": [ { "email": "not-an-email", "name": "X", "weight": 0, "segments": ["huge"] },
                    { "email": "ok@corp.test", "name": "Ok", "outOfOfficeUntil": "2025-08-20" } ],
          "teams": [ { "id": "t", "members": ["ghost@corp.test"], "manager": "boss@corp.test",
                       "timeZone": "Mars/Olympus", "sla": { "acceptWithinMinutes": 10, "reassignAfterMinutes": 5 } } ],
          "rules": [ { "name": "R", "team": "missing", "channels": ["fax"] } ]
        }
        """;

        var invalid = Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(bad));

        var fields = invalid.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "reps[0].email", "reps[0].weight", "reps[0].segments[0]", "reps[1].outOfOfficeUntil",
            "teams[0].members[0]", "teams[0].timeZone", "teams[0].sla.reassignAfterMinutes",
            "rules[0].team", "rules[0].channels[0]", "defaultTeam",
        }, fields);
    }

    [Theory]
    [InlineData("al/ice@corp.test")]
    [InlineData("al#ice@corp.test")]
    [InlineData("alice?@corp.test")]
    [InlineData("al\\\\ice@corp.test")]
    public void A_rep_email_with_a_character_no_storage_key_can_hold_is_invalid_naming_the_email(string email)
    {
        var seed = Seed.Replace("alice@corp.test", email, StringComparison.Ordinal);

        var invalid = Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(seed));

        Assert.Contains(invalid.Errors, e => e.Field == "reps[0].email");
    }

    [Fact]
    public void A_team_id_with_a_key_character_or_over_128_characters_is_invalid_naming_the_id()
    {
        var hash = Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(Seed.Replace("\"industry\"", "\"ind#ustry\"", StringComparison.Ordinal)));
        var longId = Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(Seed.Replace("\"industry\"", $"\"{new string('i', 129)}\"", StringComparison.Ordinal)));

        Assert.Contains(hash.Errors, e => e.Field == "teams[0].id");
        Assert.Contains(longId.Errors, e => e.Field == "teams[0].id");
    }

    [Fact]
    public void A_repeated_property_is_unreadable_not_silently_one_of_the_two() =>
        Assert.Equal("$", Assert.Single(Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(
            SalesDirectorySeed.Parse("{\"defaultTeam\":\"a\",\"defaultTeam\":\"b\"}")).Errors).Field);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Something_that_is_not_a_seed_is_invalid_not_an_exception(string json) =>
        Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(json));
}
