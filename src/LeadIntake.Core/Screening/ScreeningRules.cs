using System.Collections.Frozen;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The screening rules, compiled once: spam weights and threshold, term groups for spam vocabularies and intents,
/// the language lexicon. Built from the versioned rules file (embedded default, or an operator's file through
/// <see cref="Parse"/>) so operators change vocabularies and weights without a code change.
/// </summary>
public sealed class ScreeningRules
{
    private const string ResourceName = "LeadIntake.Core.Screening.Rules.screening-rules.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<ScreeningRules> Embedded = new(LoadEmbedded);

    private ScreeningRules(
        ScreeningRulesDocument document,
        IReadOnlyList<TermGroup> groups,
        TermMatcher matcher,
        FrozenDictionary<string, int> lexicon,
        IReadOnlyList<string> languages,
        FrozenDictionary<string, long> languageWords)
    {
        Languages = languages;
        LanguageWordsLookup = languageWords.GetAlternateLookup<ReadOnlySpan<char>>();
        ServedMask = MaskOf(document.Language.Served);
        Document = document;
        Groups = groups;
        Matcher = matcher;
        Lexicon = lexicon;
        LexiconLookup = lexicon.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The rules shipped with LeadIntake (Screening/Rules/screening-rules.json).</summary>
    public static ScreeningRules Default => Embedded.Value;

    public ScreeningRulesDocument Document { get; }
    public string Version => Document.Version;
    public double Threshold => Document.Spam.Threshold;
    public SpamSignalWeights Signals => Document.Spam.Signals;
    public double IntentMargin => Document.Intent.Margin;

    internal IReadOnlyList<TermGroup> Groups { get; }
    internal TermMatcher Matcher { get; }
    internal int TermCount => Matcher.Terms.Count;
    /// <summary>Function word → 1 for French, 2 for English.</summary>
    internal FrozenDictionary<string, int> Lexicon { get; }
    internal FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LexiconLookup { get; }
    /// <summary>Every language with function words in the rules (fr, en, then the others), in bit order.</summary>
    internal IReadOnlyList<string> Languages { get; }
    /// <summary>Function word → bit set of the <see cref="Languages"/> it belongs to.</summary>
    internal FrozenDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> LanguageWordsLookup { get; }
    /// <summary>The rules file's served languages as a bit set over <see cref="Languages"/>.</summary>
    internal long ServedMask { get; }
    public ModelRulesDocument Model => Document.Model;

    /// <summary>The bit set of <paramref name="codes"/>; throws <see cref="FormatException"/> for a language without function words.</summary>
    public long MaskOf(IEnumerable<string> codes)
    {
        long mask = 0;
        foreach (var code in codes)
        {
            int index = -1;
            for (int i = 0; i < Languages.Count; i++) if (string.Equals(Languages[i], code.Trim(), StringComparison.OrdinalIgnoreCase)) index = i;
            if (index < 0) throw new FormatException($"Served language '{code}' has no function words in the rules (known: {string.Join(", ", Languages)}).");
            mask |= 1L << index;
        }
        return mask;
    }

    /// <summary>Compiles a rules file; throws <see cref="FormatException"/> naming what is wrong (a bad file must stop the app).</summary>
    public static ScreeningRules Parse(string json)
    {
        ScreeningRulesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ScreeningRulesDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The screening rules are not valid JSON: {e.Message}", e);
        }
        if (document is null || string.IsNullOrWhiteSpace(document.Version))
        {
            throw new FormatException("The screening rules need a non-empty 'version'.");
        }
        if (document.Spam.Threshold <= 0) throw new FormatException("'spam.threshold' must be positive.");

        var groups = new List<TermGroup>();
        var terms = new List<CompiledTerm>();
        foreach (var group in document.Spam.Groups) AddGroup(group, null, groups, terms, "spam.groups");
        foreach (var group in document.Intent.Groups)
        {
            if (!WireNames.TryParse<LeadIntent>(group.Intent, out var intent) || intent == LeadIntent.Spam)
            {
                throw new FormatException($"intent.groups '{group.Name}': 'intent' must be commercial, service, hr or other.");
            }
            AddGroup(group, intent, groups, terms, "intent.groups");
        }
        var negators = document.Intent.Negators.Select(AccentFolding.Fold).ToFrozenSet(StringComparer.Ordinal);
        var lexicon = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in document.Language.Fr) lexicon[AccentFolding.Fold(word)] = 1;
        foreach (var word in document.Language.En) lexicon[AccentFolding.Fold(word)] = lexicon.TryGetValue(AccentFolding.Fold(word), out var fr) && fr == 1 ? 0 : 2;
        var languages = new List<string> { "fr", "en" };
        var languageWords = new Dictionary<string, long>(StringComparer.Ordinal);
        void AddWords(IEnumerable<string> words, int bit)
        {
            foreach (var word in words) languageWords[AccentFolding.Fold(word)] = languageWords.GetValueOrDefault(AccentFolding.Fold(word)) | (1L << bit);
        }
        AddWords(document.Language.Fr, 0);
        AddWords(document.Language.En, 1);
        foreach (var (code, words) in document.Language.Others.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (languages.Count == 63) throw new FormatException("language.others: at most 61 languages.");
            languages.Add(code.ToLowerInvariant());
            AddWords(words, languages.Count - 1);
        }
        if (document.Language.Served.Count == 0) throw new FormatException("language.served must name at least one language.");
        if (document.Language.ServedShareBelow is < 0 or > 1) throw new FormatException("language.servedShareBelow must be between 0 and 1.");
        var band = document.Model.ReviewBand;
        if (band.Count != 2 || band[0] > band[1] || band[0] < 0 || band[1] > 1)
        {
            throw new FormatException("model.reviewBand must be [low, high] with 0 ≤ low ≤ high ≤ 1.");
        }
        if (document.Model.SpamThreshold is <= 0 or >= 1) throw new FormatException("model.spamThreshold must be between 0 and 1 (exclusive).");
        var rules = new ScreeningRules(document, groups, new TermMatcher(terms, groups, negators), lexicon.ToFrozenDictionary(StringComparer.Ordinal),
            languages, languageWords.ToFrozenDictionary(StringComparer.Ordinal));
        return rules;
    }

    private static void AddGroup(TermGroupDocument source, LeadIntent? intent, List<TermGroup> groups, List<CompiledTerm> terms, string section)
    {
        if (source.Weight < 0 || source.MaxHits < 1)
        {
            throw new FormatException($"{section} '{source.Name}': 'weight' must be ≥ 0 and 'maxHits' ≥ 1.");
        }
        int groupIndex = groups.Count;
        int first = terms.Count;
        foreach (var raw in source.Terms)
        {
            var tokens = Tokenise(raw);
            if (tokens.Count == 0 || tokens[0] == "?" || tokens[^1] == "?")
            {
                throw new FormatException($"{section} '{source.Name}': term '{raw}' is empty or starts or ends with the '?' wildcard.");
            }
            terms.Add(new CompiledTerm(
                terms.Count,
                groupIndex,
                tokens.Select(t => t.TrimEnd('*')).ToArray(),
                tokens.Select(t => t.EndsWith('*')).ToArray(),
                raw));
        }
        groups.Add(new TermGroup(groupIndex, source.Name, intent, source.Weight, source.MaxHits, source.Negatable, first, terms.Count - first));
    }

    // A term is split like lead text (letters and digits), keeping a trailing '*' on a stem; '?' stands for any one word.
    private static List<string> Tokenise(string raw)
    {
        var folded = AccentFolding.Fold(raw);
        var tokens = new List<string>();
        int start = -1;
        for (int i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && folded[i] == '?' && start < 0)
            {
                tokens.Add("?");
                continue;
            }
            bool part = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (part && start < 0) start = i;
            if (!part && start >= 0)
            {
                bool stem = i < folded.Length && folded[i] == '*';
                tokens.Add(folded[start..i] + (stem ? "*" : ""));
                start = -1;
            }
        }
        return tokens;
    }

    private static ScreeningRules LoadEmbedded()
    {
        using var stream = typeof(ScreeningRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from LeadIntake.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
