using System.Buffers;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// Turns a lead into hashed features: word unigrams and bigrams and character n-grams of the folded subject and
/// message (any script: an unseen language still shares n-grams with the examples of its script), the names' words,
/// the sender's domain and its top-level domain, the channel, and a few dense facts as indicator buckets (length,
/// links, digits, capitals, script mix, share of French and English function words). Anti-bot signals (honeypot,
/// time to submit, provider scores) stay with the rules: they describe the submission, not the text.
/// </summary>
internal static class ModelFeatures
{
    public static void Extract(in ModelInput input, ModelFeatureConfig config, FunctionWords functionWords, FeatureVector into)
    {
        into.Clear();
        int mask = config.Buckets - 1;
        uint seed = config.HashSeed;
        var message = input.Message;
        int words = Math.Min(message.WordCount, config.MaxWords);

        // Word unigrams and bigrams, each group scaled to unit length so long mails don't outweigh short forms.
        int from = into.Count;
        for (int i = 0; i < words; i++)
        {
            var word = message.Word(i);
            int index = FeatureHasher.Bucket(FeatureHasher.Add(FeatureHasher.Start(seed, 'w'), word), mask);
            into.Add(index, 1, Source(WordKind, i));
        }
        Normalise(into, from);
        if (config.WordBigrams && words > 1)
        {
            from = into.Count;
            for (int i = 1; i < words; i++)
            {
                uint h = FeatureHasher.Add(FeatureHasher.Start(seed, 'b'), message.Word(i - 1));
                h = FeatureHasher.Add(FeatureHasher.Add(h, ' '), message.Word(i));
                int index = FeatureHasher.Bucket(h, mask);
                into.Add(index, 1, Source(BigramKind, i));
            }
            Normalise(into, from);
        }
        CharGrams(message, words, config, into);

        from = into.Count;
        for (int i = 0; i < Math.Min(input.Names.WordCount, 8); i++)
        {
            var word = input.Names.Word(i);
            int index = FeatureHasher.Bucket(FeatureHasher.Add(FeatureHasher.Start(seed, 'n'), word), mask);
            into.Add(index, 1, Source(NameKind, i));
        }
        Normalise(into, from, 0.5f);

        if (input.EmailDomain is { Length: > 0 } domain)
        {
            Indicator(into, seed, mask, 'd', domain, 0.5f);
            int dot = domain.LastIndexOf('.');
            if (dot >= 0) Indicator(into, seed, mask, 't', domain[(dot + 1)..], 0.5f);
        }
        else
        {
            Indicator(into, seed, mask, 'f', "no email", 1);
        }
        Indicator(into, seed, mask, 'f', input.Channel switch
        {
            Channel.Form => "channel form",
            Channel.Email => "channel email",
            Channel.Call => "channel call",
            _ => "channel social",
        }, 1);
        Dense(input, words, functionWords, seed, mask, into);
    }

    private static void CharGrams(FoldedText message, int words, ModelFeatureConfig config, FeatureVector into)
    {
        // " word word word ": single spaces mark word edges, so "^pri" and "ice " are distinct grams.
        int length = 1;
        for (int i = 0; i < words; i++) length += message.Word(i).Length + 1;
        if (words == 0) return;
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            int at = 0;
            buffer[at++] = ' ';
            for (int i = 0; i < words; i++)
            {
                message.Word(i).CopyTo(buffer.AsSpan(at));
                at += message.Word(i).Length;
                buffer[at++] = ' ';
            }
            int from = into.Count;
            int mask = config.Buckets - 1;
            uint seed = config.HashSeed;
            for (int n = config.CharMin; n <= config.CharMax; n++)
            {
                uint start = FeatureHasher.Start(seed, (char)('0' + n));
                for (int i = 0; i + n <= at; i++)
                {
                    var gram = buffer.AsSpan(i, n);
                    int index = FeatureHasher.Bucket(FeatureHasher.Add(start, gram), mask);
                    into.Add(index, 1, Source(CharKind, (n << 20) | i));
                }
            }
            Normalise(into, from);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void Dense(in ModelInput input, int words, FunctionWords functionWords, uint seed, int mask, FeatureVector into)
    {
        var message = input.Message;
        Indicator(into, seed, mask, 'f', LengthBucket(words), 1);
        Indicator(into, seed, mask, 'f', message.LinkCount switch { 0 => "no link", 1 => "one link", 2 => "two links", _ => "many links" }, 1);

        int digits = 0, letters = 0;
        foreach (char c in message.Text)
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (char.IsLetter(c)) letters++;
        }
        if (letters + digits > 0)
        {
            double ratio = (double)digits / (letters + digits);
            Indicator(into, seed, mask, 'f', ratio switch { 0 => "no digits", < 0.05 => "few digits", < 0.15 => "some digits", _ => "many digits" }, 0.5f);
        }
        if (words >= 3)
        {
            double shouted = (double)message.ShoutedWords / words;
            if (shouted >= 0.2) Indicator(into, seed, mask, 'f', shouted >= 0.5 ? "mostly capitals" : "many capitals", 0.5f);
        }
        if (message.ExclamationRuns > 0) Indicator(into, seed, mask, 'f', "exclamation runs", 0.5f);

        int allLetters = message.LatinLetters + message.ForeignLetters;
        if (allLetters > 0 && message.ForeignLetters > 0)
        {
            double foreign = (double)message.ForeignLetters / allLetters;
            Indicator(into, seed, mask, 'f', foreign switch { < 0.3 => "some non-Latin script", < 0.7 => "mixed scripts", _ => "non-Latin script" }, 1);
            Indicator(into, seed, mask, 'f', "script " + (message.ForeignScript ?? "other"), 1);
        }

        if (words >= 4)
        {
            var (fr, en) = functionWords.Count(message, words);
            string share = ShareBucket((double)Math.Max(fr, en) / words);
            Indicator(into, seed, mask, 'f', $"fr/en function words {share}", 1);
            Indicator(into, seed, mask, 'f', $"fr/en function words {share}, {LengthBucket(words)}", 1);
            Indicator(into, seed, mask, 'f', fr > en ? "more French function words" : en > fr ? "more English function words" : "no language lead", 0.5f);
        }
    }

    private static string ShareBucket(double share) => share switch
    {
        0 => "none",
        < 0.05 => "under 5%",
        < 0.12 => "5-12%",
        < 0.25 => "12-25%",
        _ => "25%+",
    };

    private static string LengthBucket(int words) => words switch
    {
        0 => "empty message",
        <= 2 => "1-2 words",
        <= 5 => "3-5 words",
        <= 10 => "6-10 words",
        <= 20 => "11-20 words",
        <= 40 => "21-40 words",
        <= 80 => "41-80 words",
        _ => "81+ words",
    };

    private static void Indicator(FeatureVector into, uint seed, int mask, char kind, string text, float value)
    {
        int index = FeatureHasher.Bucket(FeatureHasher.Add(FeatureHasher.Start(seed, kind), text), mask);
        into.Add(index, value, Source(IndicatorKind, into.Indicators.Count));
        into.Indicators.Add((kind, text));
    }

    private const int WordKind = 1, BigramKind = 2, CharKind = 3, NameKind = 4, IndicatorKind = 5;

    private static int Source(int kind, int position) => (kind << 27) | position;

    /// <summary>Whether feature <paramref name="position"/> of <paramref name="vector"/> is a dense fact (length, share…) rather than text.</summary>
    public static bool IsDense(FeatureVector vector, int position)
    {
        int source = vector.Sources[position];
        return source >> 27 == IndicatorKind && vector.Indicators[source & ((1 << 27) - 1)].Kind == 'f';
    }

    /// <summary>
    /// The readable text of feature <paramref name="position"/>: a word, a <c>"two words"</c> bigram, a <c>'_pri'</c>
    /// character gram (word edges as <c>_</c>), <c>name x</c>, <c>domain x</c>, <c>.tld</c>, or a dense fact.
    /// </summary>
    public static string Describe(in ModelInput input, FeatureVector vector, int position)
    {
        int source = vector.Sources[position];
        int at = source & ((1 << 27) - 1);
        var message = input.Message;
        switch (source >> 27)
        {
            case WordKind: return message.Word(at).ToString();
            case BigramKind: return $"\"{message.Word(at - 1)} {message.Word(at)}\"";
            case NameKind: return $"name {input.Names.Word(at)}";
            case CharKind:
            {
                int n = at >> 20, offset = at & ((1 << 20) - 1);
                var spaced = new System.Text.StringBuilder(" ");
                for (int i = 0; i < message.WordCount && spaced.Length < offset + n; i++) spaced.Append(message.Word(i)).Append(' ');
                return $"'{spaced.ToString(offset, n).Replace(' ', '_')}'";
            }
            default:
                var (kind, text) = vector.Indicators[at];
                return kind switch { 'd' => "domain " + text, 't' => "." + text, _ => text };
        }
    }

    private static void Normalise(FeatureVector into, int from, float length = 1)
    {
        int n = into.Count - from;
        if (n > 0) into.Scale(from, length / MathF.Sqrt(n));
    }
}
