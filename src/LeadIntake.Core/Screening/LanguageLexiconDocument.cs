namespace LeadIntake.Core.Screening;

/// <summary>
/// The <c>language</c> section: frequent function words of French and English (language detection and the
/// served-language signal), of a few languages the business does not serve (<see cref="Others"/>), which languages are
/// served, and when a message counts as written in another language.
/// </summary>
public sealed record LanguageLexiconDocument
{
    public IReadOnlyList<string> Fr { get; init; } = [];
    public IReadOnlyList<string> En { get; init; } = [];
    /// <summary>Function words of languages beyond fr/en, by ISO 639-1 code (es, de, it…).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Others { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Languages the business answers (<c>Screening__ServedLanguages</c> overrides it).</summary>
    public IReadOnlyList<string> Served { get; init; } = ["fr", "en"];
    /// <summary>Messages shorter than this (in words) never get the unserved-language signal: too little evidence.</summary>
    public int UnservedMinWords { get; init; } = 8;
    /// <summary>Below this share of served-language function words, a message is in another language.</summary>
    public double ServedShareBelow { get; init; } = 0.06;
}
