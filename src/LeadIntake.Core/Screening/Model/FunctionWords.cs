using System.Collections.Frozen;

namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// French and English function words frozen into the model at training ("le", "vous", "the", "we"…): the share of a
/// message's words found here is a feature, so an operator's edit of the rules' lexicon can't shift a trained model.
/// </summary>
internal sealed class FunctionWords
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FunctionWords(IEnumerable<string> french, IEnumerable<string> english)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in french) words[AccentFolding.Fold(w)] = 1;
        foreach (var w in english)
        {
            var folded = AccentFolding.Fold(w);
            words[folded] = words.GetValueOrDefault(folded) | 2;
        }
        _lookup = words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Counts the words of <paramref name="text"/> that are French and English function words.</summary>
    public (int French, int English) Count(FoldedText text, int maxWords)
    {
        int fr = 0, en = 0;
        int n = Math.Min(text.WordCount, maxWords);
        for (int i = 0; i < n; i++)
        {
            if (!_lookup.TryGetValue(text.Word(i), out var language)) continue;
            if ((language & 1) != 0) fr++;
            if ((language & 2) != 0) en++;
        }
        return (fr, en);
    }
}
