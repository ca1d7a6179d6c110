using System.Collections.Frozen;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Finds rule terms in a <see cref="FoldedText"/> in one pass over its words: terms are indexed by their first word,
/// a stem is looked up by each prefix of the text's word (span lookups, no allocation), and the following words of a
/// multi-word term are compared in place. Hits are marked in a caller-owned span, one slot per term.
/// </summary>
internal sealed class TermMatcher
{
    private const int MaxNegationLookBack = 3;

    private readonly FrozenDictionary<string, CompiledTerm[]> _byFirstWord;
    private readonly FrozenDictionary<string, CompiledTerm[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _negators;
    private readonly IReadOnlyList<TermGroup> _groups;
    private readonly int _minKeyLength;
    private readonly int _maxKeyLength;

    public TermMatcher(IReadOnlyList<CompiledTerm> terms, IReadOnlyList<TermGroup> groups, FrozenSet<string> negators)
    {
        Terms = terms;
        _groups = groups;
        _byFirstWord = terms
            .GroupBy(t => t.Tokens[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _negators = negators.GetAlternateLookup<ReadOnlySpan<char>>();
        _minKeyLength = _byFirstWord.Count == 0 ? 1 : _byFirstWord.Keys.Min(k => k.Length);
        _maxKeyLength = _byFirstWord.Count == 0 ? 0 : _byFirstWord.Keys.Max(k => k.Length);
    }

    public IReadOnlyList<CompiledTerm> Terms { get; }

    /// <summary>
    /// Marks in <paramref name="hits"/> every term found; with <paramref name="spamOnly"/>, intent groups are skipped.
    /// A group scores each stretch of words once: terms of the same group that overlap a match already made
    /// ("ne fonctionne plus" and "ne ? plus", "un technicien" and "technicien") are one piece of evidence, not two.
    /// </summary>
    public void Match(FoldedText text, Span<bool> hits, bool spamOnly)
    {
        var words = text.Words;
        Span<int> coveredUntil = _groups.Count <= 256 ? stackalloc int[_groups.Count] : new int[_groups.Count];
        coveredUntil.Fill(-1);
        for (int w = 0; w < words.Length; w++)
        {
            var word = text.Word(w);
            int longest = Math.Min(word.Length, _maxKeyLength);
            for (int length = _minKeyLength; length <= longest; length++)
            {
                if (!_lookup.TryGetValue(word[..length], out var candidates)) continue;
                foreach (var term in candidates)
                {
                    if (hits[term.Index]) continue;
                    if (length != word.Length && !term.IsStem[0]) continue;
                    var group = _groups[term.Group];
                    if (spamOnly && !group.IsSpam) continue;
                    if (!RestMatches(text, w, term)) continue;
                    if (w <= coveredUntil[term.Group]) continue;
                    if (group.Negatable && IsNegated(text, w)) continue;
                    hits[term.Index] = true;
                    coveredUntil[term.Group] = w + term.Tokens.Length - 1;
                }
            }
        }
    }

    private static bool RestMatches(FoldedText text, int firstWord, CompiledTerm term)
    {
        if (firstWord + term.Tokens.Length > text.WordCount) return false;
        for (int k = 1; k < term.Tokens.Length; k++)
        {
            var word = text.Word(firstWord + k);
            var token = term.Tokens[k].AsSpan();
            if (token is "?") continue;
            bool ok = term.IsStem[k] ? word.StartsWith(token, StringComparison.Ordinal) : word.SequenceEqual(token);
            if (!ok) return false;
        }
        return true;
    }

    // "ce n'est pas une demande de stage", "not looking for a quote": a negator just before the term cancels it.
    private bool IsNegated(FoldedText text, int firstWord)
    {
        for (int k = Math.Max(0, firstWord - MaxNegationLookBack); k < firstWord; k++)
        {
            if (_negators.Contains(text.Word(k))) return true;
        }
        return false;
    }
}
