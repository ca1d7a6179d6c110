using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Core.Tests.Screening.Model;

public class ModelFeaturesTests
{
    private static readonly FunctionWords Words = new(ScreeningRules.Default.Document.Language.Fr, ScreeningRules.Default.Document.Language.En);

    private static FeatureVector Extract(string message)
    {
        using var text = FoldedText.Build(null, message);
        using var names = FoldedText.Build("Julie", "Moreau");
        var vector = new FeatureVector();
        ModelFeatures.Extract(new ModelInput(Channel.Form, text, names, "acier.example"), ModelFeatureConfig.Default, Words, vector);
        return vector;
    }

    /// <summary>Every feature's readable name, dense facts included.</summary>
    private static string[] Names(string message)
    {
        using var text = FoldedText.Build(null, message);
        using var names = FoldedText.Build("Julie", "Moreau");
        var input = new ModelInput(Channel.Form, text, names, "acier.example");
        var vector = new FeatureVector();
        ModelFeatures.Extract(input, ModelFeatureConfig.Default, Words, vector);
        return Enumerable.Range(0, vector.Count).Select(i => ModelFeatures.Describe(input, vector, i)).Distinct().ToArray();
    }

    [Fact]
    public void Features_ignore_accents_and_case_of_the_words()
    {
        var accented = Extract("Résiliation du contrat, facture erronée");
        var plain = Extract("resiliation du Contrat, facture erronee");

        Assert.Equal(accented.Indices.ToArray().Order(), plain.Indices.ToArray().Order());
    }

    [Fact]
    public void Features_hold_words_bigrams_character_grams_domain_channel_and_dense_facts()
    {
        const string message = "Could you send a quote for twelve sensors";
        var names = Names(message);

        Assert.Contains("quote", names);
        Assert.Contains("\"a quote\"", names);
        Assert.Contains("'_quo'", names);
        Assert.Contains("domain acier.example", names);
        Assert.Contains(".example", names);
        Assert.Contains(names, n => n == "channel form");
        Assert.Contains(names, n => n == "6-10 words");
        Assert.Contains("name julie", names);
    }

    [Fact]
    public void Text_in_another_script_gets_character_grams_and_a_script_feature()
    {
        const string message = "Здравствуйте, я хотел узнать вашу цену";
        var names = Names(message);

        Assert.Contains("'цен'", names);
        Assert.Contains(names, n => n == "non-Latin script");
        Assert.Contains(names, n => n == "script Cyrillic");
    }

    [Fact]
    public void A_message_without_French_or_English_function_words_is_a_feature_of_its_own()
    {
        const string catalan = "Bon dia, volia saber el preu del vostre servei de manteniment per a la nostra empresa";
        var names = Names(catalan);

        Assert.Contains(names, n => n.Contains("fr/en function words", StringComparison.Ordinal) && !n.Contains("25%+", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_text_group_is_scaled_to_unit_length_so_long_mails_do_not_outweigh_short_forms()
    {
        var shortVector = Extract("price please");
        var longVector = Extract(string.Join(' ', Enumerable.Repeat("price please for the sensors", 40)));

        // Word unigrams come first: their squared values sum to 1 whatever the length.
        static double FirstGroup(FeatureVector v, int count) => v.Values[..count].ToArray().Sum(x => (double)x * x);
        Assert.Equal(1.0, FirstGroup(shortVector, 2), 3);
        Assert.Equal(1.0, FirstGroup(longVector, 200), 3);
    }
}
