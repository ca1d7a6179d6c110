using LeadIntake.Core.Intake;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Mails;


namespace LeadIntake.Core.Tests.Dispatch;

public sealed class TeamLanguageTests
{
    private const string Seed = """
    {
      "defaultTeam": "paris",
      "reps": [
        { "email": "claire@corp.test", "name": "Claire" },
        { "email": "dan@corp.test", "name": "Dan", "languages": ["en"] }
      ],
      "teams": [
        { "id": "paris", "members": ["claire@corp.test", "dan@corp.test"], "manager": "chef@corp.test", "language": "FR",
          "timeZone": "Europe/Paris" },
        { "id": "plain", "members": ["claire@corp.test"], "manager": "boss@corp.test" }
      ]
    }
    """;

    private static SalesDirectory Directory() => Assert.IsType<ParseOutcome<RoutingSetup>.Parsed>(SalesDirectorySeed.Parse(Seed)).Value.Directory;

    [Fact]
    public void A_team_language_is_read_from_the_seed_in_lower_case() =>
        Assert.Equal("fr", Directory().FindTeam("paris")!.Language);

    [Fact]
    public void A_rep_without_a_language_reads_the_team_language()
    {
        var directory = Directory();
        Assert.Equal("fr", directory.LanguageOf("claire@corp.test", directory.FindTeam("paris")));
    }

    [Fact]
    public void A_rep_with_a_language_keeps_it_in_a_team_with_another_one()
    {
        var directory = Directory();
        Assert.Equal("en", directory.LanguageOf("dan@corp.test", directory.FindTeam("paris")));
    }

    [Fact]
    public void A_manager_who_is_no_rep_reads_the_team_language()
    {
        var directory = Directory();
        Assert.Equal("fr", directory.LanguageOf("chef@corp.test", directory.FindTeam("paris")));
    }

    [Fact]
    public void Without_a_rep_or_team_language_the_installation_default_applies()
    {
        var directory = Directory();
        Assert.Equal(RepMailPolicy.DefaultLanguage, directory.LanguageOf("claire@corp.test", directory.FindTeam("plain")));
    }

    [Theory]
    [InlineData("\"de\"")]
    [InlineData("\"french\"")]
    [InlineData("3")]
    public void A_team_language_other_than_fr_or_en_is_refused_naming_the_field(string value)
    {
        var seed = Seed.Replace("\"language\": \"FR\"", $"\"language\": {value}", StringComparison.Ordinal);
        var invalid = Assert.IsType<ParseOutcome<RoutingSetup>.Invalid>(SalesDirectorySeed.Parse(seed));
        Assert.Contains(invalid.Errors, e => e.Field == "teams[0].language");
    }
}
