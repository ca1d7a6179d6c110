namespace LeadIntake.Core.Screening;

/// <summary>
/// French or English from function words ("le", "vous", "the", "we"…) in the folded message: cheap, and reliable on
/// the few sentences a lead writes. Ties fall back to the contact's country; no evidence gives null.
/// </summary>
internal static class LanguageDetector
{
    private static readonly HashSet<string> FrenchCountries = new(StringComparer.Ordinal) { "FR", "BE", "LU", "MC", "CH", "SN", "CI", "MA", "TN", "DZ", "RE", "GP", "MQ" };

    public static string? Detect(FoldedText text, ScreeningRules rules, string? country)
    {
        int fr = 0, en = 0;
        for (int i = 0; i < text.WordCount; i++)
        {
            if (!rules.LexiconLookup.TryGetValue(text.Word(i), out var language)) continue;
            if (language == 1) fr++;
            else if (language == 2) en++;
        }
        if (fr > en) return "fr";
        if (en > fr) return "en";
        if (country is null) return null;
        return FrenchCountries.Contains(country) ? "fr" : "en";
    }
}
