using System.Collections;
using System.Globalization;
using System.Resources;
using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Tests.Localization;

public sealed class RepTextsTests
{
    private static SortedDictionary<string, string> Keys(string culture)
    {
        // tryParents: false, so the French set holds only what RepTexts.fr.resx itself defines.
        var set = RepTexts.Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resource set for '{culture}': is the satellite assembly built?");
        return new SortedDictionary<string, string>(
            set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!), StringComparer.Ordinal);
    }

    [Fact]
    public void Every_key_has_an_English_and_a_French_text()
    {
        var english = Keys(CultureInfo.InvariantCulture.Name);
        var french = Keys("fr");

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        Assert.Empty(french.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void Every_text_has_the_same_placeholders_in_both_languages()
    {
        static string Holes(string text) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
        var french = Keys("fr");
        var mismatched = Keys(CultureInfo.InvariantCulture.Name)
            .Where(e => Holes(e.Value) != Holes(french[e.Key])).Select(e => e.Key).ToList();
        Assert.Empty(mismatched);
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("FR-be", "fr")]
    [InlineData("en", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    public void A_language_code_picks_French_or_falls_back_to_English(string? code, string expected) =>
        Assert.Equal(expected, RepTexts.For(code).Code);

    [Fact]
    public void French_and_English_read_their_own_resource_file()
    {
        Assert.Equal("Accepter", RepTexts.French["Mail_Accept"]);
        Assert.Equal("Accept", RepTexts.English["Mail_Accept"]);
        Assert.Equal("formulaire", MailWording.French.ChannelLabels[Leads.Channel.Form]);
        Assert.Equal("P1 call now", MailWording.English.PriorityLabels[PriorityLevel.P1]);
    }

    [Fact]
    public void Every_value_a_rep_page_names_has_a_text_in_both_languages()
    {
        foreach (var t in new[] { RepTexts.English, RepTexts.French })
        {
            foreach (var v in Enum.GetValues<Leads.LeadStatus>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.AuthorityLevel>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.TimingHorizon>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.DisqualifyReason>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.LostReason>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.NurtureReason>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<RepAction>().Where(a => a <= RepAction.View)) Assert.False(string.IsNullOrEmpty(t.Of(v)));
            foreach (var v in Enum.GetValues<Leads.Channel>()) Assert.False(string.IsNullOrEmpty(t.Of(v)));
        }
    }

    [Fact]
    public void A_missing_key_throws_rather_than_showing_nothing() =>
        Assert.Throws<KeyNotFoundException>(() => RepTexts.French["No_such_key"]);
}
