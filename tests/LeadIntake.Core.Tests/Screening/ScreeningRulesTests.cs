using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public class ScreeningRulesTests
{
    [Fact]
    public void Default_rules_come_from_the_embedded_file_with_a_version()
    {
        Assert.False(string.IsNullOrWhiteSpace(ScreeningRules.Default.Version));
        Assert.Equal(ScreeningRules.Default.Version, LeadScreener.RulesVersion);
    }

    [Fact]
    public void Bundled_disposable_list_is_loaded_from_the_npm_package()
    {
        Assert.True(DisposableDomains.Bundled.Count > 1000);
        Assert.True(DisposableDomains.Bundled.Contains("mailinator.com"));
        Assert.False(DisposableDomains.Bundled.Contains("gmail.com"));
    }

    [Fact]
    public void An_operators_rules_file_changes_vocabulary_threshold_and_version_without_code()
    {
        var rules = ScreeningRules.Parse("""
            {
              "version": "ops-7",
              "spam": { "threshold": 2.0, "groups": [ { "name": "lottery", "weight": 2.5, "terms": [ "lotter*" ] } ] },
              "intent": { "groups": [ { "intent": "other", "name": "partnership", "weight": 3, "terms": [ "sponsoring" ] } ] }
            }
            """);
        var context = RulesOnly with { Rules = rules };

        var spam = Screen(Form("You are the winner of our lottery"), context);
        var other = Screen(Form("Would you consider sponsoring our rally team?"), context);

        Assert.Equal(LeadIntent.Spam, spam.Decision.Intent);
        Assert.Equal("ops-7", spam.Decision.RulesVersion);
        Assert.Equal(LeadIntent.Other, other.Decision.Intent);
    }

    [Fact]
    public void No_term_scores_twice_for_the_same_intent()
    {
        // A word listed in two groups of one intent would count twice for that intent and skew the precedence.
        var rules = ScreeningRules.Default;
        var duplicates = rules.Matcher.Terms
            .GroupBy(t => (rules.Groups[t.Group].Intent, Tokens: string.Join(' ', t.Tokens.Zip(t.IsStem, (w, s) => s ? w + "*" : w))))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Intent?.ToString() ?? "spam"}: {g.Key.Tokens} ({string.Join(", ", g.Select(t => rules.Groups[t.Group].Name))})")
            .ToList();

        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("""{ "spam": {} }""")]
    [InlineData("""{ "version": "x", "intent": { "groups": [ { "intent": "sales", "name": "n", "terms": ["a"] } ] } }""")]
    [InlineData("not json")]
    public void A_broken_rules_file_is_refused_with_a_message(string json)
    {
        Assert.Throws<FormatException>(() => ScreeningRules.Parse(json));
    }
}
