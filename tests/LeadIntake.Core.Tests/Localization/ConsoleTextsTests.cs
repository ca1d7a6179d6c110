using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Reporting;

namespace LeadIntake.Core.Tests.Localization;

public sealed class ConsoleTextsTests
{
    private static Dictionary<string, string> Keys(string culture) =>
        (ConsoleTexts.Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No console resource set for '{culture}'."))
        .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    [Fact]
    public void Every_console_key_has_an_English_and_a_French_text_with_the_same_placeholders()
    {
        var english = Keys(CultureInfo.InvariantCulture.Name);
        var french = Keys("fr");
        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        static string Holes(string text) => string.Join(",", Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(english.Where(e => Holes(e.Value) != Holes(french[e.Key])).Select(e => e.Key));
    }

    [Fact]
    public void Every_outcome_the_Today_page_shows_has_a_label()
    {
        foreach (var outcome in Enum.GetValues<TodayOutcome>())
        {
            Assert.NotEmpty(ConsoleTexts.English["Outcome_" + outcome]);
            Assert.NotEmpty(ConsoleTexts.French["Outcome_" + outcome]);
        }
    }

    [Theory]
    [InlineData("fr-CA", "fr")]
    [InlineData("en-GB", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void A_language_code_picks_the_console_language(string? code, string expected) =>
        Assert.Equal(expected, ConsoleTexts.For(code).Code);
}
