using System.Buffers;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A lead's text prepared once for every rule: folded (lower case, no accents), URLs blanked out and counted, split
/// into words, with the counts the spam signals need (letters per script, shouting, exclamation runs).
/// Word positions live in a pooled array: dispose it.
/// </summary>
internal sealed class FoldedText : IDisposable
{
    private WordSpan[] _words;

    private FoldedText(string text, WordSpan[] words, int wordCount)
    {
        Text = text;
        _words = words;
        WordCount = wordCount;
    }

    public string Text { get; }
    public int WordCount { get; }
    public ReadOnlySpan<WordSpan> Words => _words.AsSpan(0, WordCount);
    /// <summary>Hosts of the links found (lower case), in order.</summary>
    public List<string>? LinkHosts { get; private set; }
    public int LinkCharacters { get; private set; }
    public int VisibleCharacters { get; private set; }
    public int LatinLetters { get; private set; }
    public int ForeignLetters { get; private set; }
    public string? ForeignScript { get; private set; }
    public int ShoutedWords { get; private set; }
    public int ExclamationRuns { get; private set; }

    public ReadOnlySpan<char> Word(int index)
    {
        var w = _words[index];
        return Text.AsSpan(w.Start, w.Length);
    }

    public int LinkCount => LinkHosts?.Count ?? 0;

    public static FoldedText Build(string? first, string? second = null, string? third = null)
    {
        int capacity = (first?.Length ?? 0) + (second?.Length ?? 0) + (third?.Length ?? 0) + 2;
        var chars = ArrayPool<char>.Shared.Rent(capacity * 2 + 8);
        var builder = new Builder(chars);
        builder.Add(first);
        builder.Add(second);
        builder.Add(third);
        var text = new string(chars, 0, builder.Length);
        ArrayPool<char>.Shared.Return(chars);

        var words = ArrayPool<WordSpan>.Shared.Rent(Math.Max(16, text.Length / 2 + 1));
        int count = 0;
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                words[count++] = new WordSpan(start, i - start);
                start = -1;
            }
        }
        var folded = new FoldedText(text, words, count)
        {
            LinkHosts = builder.Links,
            LinkCharacters = builder.LinkChars,
            VisibleCharacters = builder.Visible,
            LatinLetters = builder.Latin,
            ForeignLetters = builder.Foreign,
            ForeignScript = builder.ForeignScript,
            ShoutedWords = builder.Shouted,
            ExclamationRuns = builder.Exclamations,
        };
        return folded;
    }

    public void Dispose()
    {
        if (_words.Length == 0) return;
        ArrayPool<WordSpan>.Shared.Return(_words);
        _words = [];
    }

    private ref struct Builder(char[] output)
    {
        public int Length;
        public List<string>? Links;
        public int LinkChars;
        public int Visible;
        public int Latin;
        public int Foreign;
        public string? ForeignScript;
        public int Shouted;
        public int Exclamations;

        public void Add(string? source)
        {
            if (string.IsNullOrEmpty(source)) return;
            if (Length > 0) output[Length++] = '\n';
            Span<char> folded = stackalloc char[2];
            int capsRun = 0;
            bool wordHasLower = false;
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                if (IsLinkStart(source, i))
                {
                    int end = i;
                    while (end < source.Length && !char.IsWhiteSpace(source[end]) && source[end] is not ('<' or '>' or '"' or ')')) end++;
                    RecordLink(source.AsSpan(i, end - i));
                    LinkChars += end - i;
                    output[Length++] = ' ';
                    i = end - 1;
                    continue;
                }
                if (!char.IsWhiteSpace(c)) Visible++;
                if (c == '!' && i + 1 < source.Length && source[i + 1] == '!' && (i == 0 || source[i - 1] != '!')) Exclamations++;
                if (char.IsLetter(c))
                {
                    CountScript(c);
                    if (char.IsUpper(c)) capsRun++;
                    else wordHasLower = true;
                }
                else
                {
                    if (capsRun >= 3 && !wordHasLower) Shouted++;
                    capsRun = 0;
                    wordHasLower = false;
                }
                int n = AccentFolding.Fold(c, folded);
                for (int k = 0; k < n; k++) output[Length++] = folded[k];
            }
            if (capsRun >= 3 && !wordHasLower) Shouted++;
        }

        private void CountScript(char c)
        {
            if (c < 0x0250) { Latin++; return; }
            string? script = c switch
            {
                >= '\u0370' and <= '\u03FF' => "Greek",
                >= '\u0400' and <= '\u052F' => "Cyrillic",
                >= '\u0590' and <= '\u05FF' => "Hebrew",
                >= '\u0600' and <= '\u06FF' => "Arabic",
                >= '\u0900' and <= '\u097F' => "Devanagari",
                >= '\u0E00' and <= '\u0E7F' => "Thai",
                >= '\u3040' and <= '\u30FF' => "Japanese kana",
                >= '\u4E00' and <= '\u9FFF' => "CJK",
                >= '\uAC00' and <= '\uD7AF' => "Hangul",
                >= '\u1E00' and <= '\u1EFF' => null,
                _ => "non-Latin",
            };
            if (script is null) { Latin++; return; }
            Foreign++;
            ForeignScript ??= script;
        }

        private void RecordLink(ReadOnlySpan<char> url)
        {
            int hostStart = url.IndexOf("://", StringComparison.Ordinal);
            var rest = hostStart >= 0 ? url[(hostStart + 3)..] : url;
            int hostEnd = rest.IndexOfAny('/', '?', '#');
            var host = hostEnd >= 0 ? rest[..hostEnd] : rest;
            host = host.TrimEnd('.');
            int colon = host.IndexOf(':');
            if (colon >= 0) host = host[..colon];
            if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) host = host[4..];
            (Links ??= []).Add(host.ToString().ToLowerInvariant());
        }

        private static bool IsLinkStart(string s, int i)
        {
            if (i > 0 && !char.IsWhiteSpace(s[i - 1]) && s[i - 1] is not ('(' or '<' or '"' or ':' or '[')) return false;
            var rest = s.AsSpan(i);
            return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && rest.Length > 6);
        }
    }
}
