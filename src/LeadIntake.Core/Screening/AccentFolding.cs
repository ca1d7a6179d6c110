using System.Globalization;
using System.Text;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Lower-cases and strips accents one character at a time, so rules written "facture" match "FACTURÉ", "facturé" and
/// "facture" alike: French leads arrive with and without accents (phones, English keyboards), and rules list stems once.
/// </summary>
internal static class AccentFolding
{
    // Latin-1 Supplement and Latin Extended-A cover French, German, Spanish, Portuguese, Italian and Polish letters.
    private const int TableStart = 0x00C0;
    private const int TableEnd = 0x0250;
    private static readonly string[] Table = BuildTable();

    /// <summary>Appends the folded form of <paramref name="c"/> (one or two characters: œ → oe) to <paramref name="buffer"/>.</summary>
    public static int Fold(char c, Span<char> buffer)
    {
        if (c < 0x80)
        {
            buffer[0] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            return 1;
        }
        if (c is >= (char)TableStart and < (char)TableEnd)
        {
            var folded = Table[c - TableStart];
            folded.CopyTo(buffer);
            return folded.Length;
        }
        // Typographic apostrophes and dashes separate words like their ASCII forms.
        buffer[0] = c is '\u2019' or '\u2018' or '\u2013' or '\u2014' ? ' ' : char.ToLowerInvariant(c);
        return 1;
    }

    /// <summary>The folded form of a whole string (rules are folded with this at load time).</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        Span<char> buffer = stackalloc char[2];
        foreach (char c in text)
        {
            int n = Fold(c, buffer);
            sb.Append(buffer[..n]);
        }
        return sb.ToString();
    }

    private static string[] BuildTable()
    {
        var table = new string[TableEnd - TableStart];
        for (int i = 0; i < table.Length; i++)
        {
            char c = (char)(TableStart + i);
            table[i] = c switch
            {
                'Œ' or 'œ' => "oe",
                'Æ' or 'æ' => "ae",
                'ß' => "ss",
                'Ø' or 'ø' => "o",
                'Đ' or 'đ' => "d",
                'Ł' or 'ł' => "l",
                _ => BaseLetter(c),
            };
        }
        return table;
    }

    private static string BaseLetter(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var lower = char.ToLowerInvariant(decomposed[0]);
        return CharUnicodeInfo.GetUnicodeCategory(lower) == UnicodeCategory.LowercaseLetter || char.IsLetter(lower)
            ? lower.ToString()
            : char.ToLowerInvariant(c).ToString();
    }
}
