namespace LeadIntake.Core.Screening;

/// <summary>
/// Recognises keyboard mashing and random strings ("asdfgh", "sdfkjh", "jkljkl") in names and messages: words with no
/// vowel, runs along a keyboard row, or a short chunk repeated. Real words rarely do any of these; one alone is weak
/// evidence (acronyms like SNMP have no vowel), so messages need several such words.
/// </summary>
internal static class GibberishDetector
{
    private const int MinLength = 4;
    private const int KeyboardRun = 5;
    private static readonly string[] Rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn"];

    public static bool IsGibberishWord(ReadOnlySpan<char> word)
    {
        if (word.Length < MinLength) return false;
        bool vowel = false;
        bool digit = false;
        foreach (char c in word)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y') vowel = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else if (c > 0x7F) return false;
        }
        if (digit) return false;
        if (!vowel) return true;
        return HasKeyboardRun(word) || IsRepeatedChunk(word);
    }

    /// <summary>Gibberish words among <paramref name="text"/>'s words of three letters or more, and that word count.</summary>
    public static (int Gibberish, int Words) Count(FoldedText text)
    {
        int gibberish = 0, words = 0;
        for (int i = 0; i < text.WordCount; i++)
        {
            var word = text.Word(i);
            if (word.Length < 3) continue;
            words++;
            if (IsGibberishWord(word)) gibberish++;
        }
        return (gibberish, words);
    }

    private static bool HasKeyboardRun(ReadOnlySpan<char> word)
    {
        if (word.Length < KeyboardRun) return false;
        for (int start = 0; start + KeyboardRun <= word.Length; start++)
        {
            var window = word.Slice(start, KeyboardRun);
            foreach (var row in Rows)
            {
                if (row.AsSpan().Contains(window, StringComparison.Ordinal)) return true;
                if (IsReversedIn(window, row)) return true;
            }
        }
        return false;
    }

    private static bool IsReversedIn(ReadOnlySpan<char> window, string row)
    {
        Span<char> reversed = stackalloc char[window.Length];
        for (int i = 0; i < window.Length; i++) reversed[i] = window[window.Length - 1 - i];
        return row.AsSpan().Contains(reversed, StringComparison.Ordinal);
    }

    private static bool IsRepeatedChunk(ReadOnlySpan<char> word)
    {
        if (word.Length < 6) return false;
        for (int period = 2; period <= 3; period++)
        {
            bool repeated = true;
            for (int i = period; i < word.Length && repeated; i++) repeated = word[i] == word[i - period];
            if (repeated) return true;
        }
        return false;
    }
}
