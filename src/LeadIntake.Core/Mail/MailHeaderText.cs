using System.Text;
using MimeKit.Utils;

namespace LeadIntake.Core.Mail;

/// <summary>
/// The one rule for text that becomes a mail header (subject, display names): a single line after any decoding a mail
/// client may do. Encoded-words that arrive in the input (<c>=?utf-8?q?Eve=0D=0ABcc:…?=</c>) are decoded first, as a
/// client would, so the line breaks they hide are seen; then every control character (Unicode Cc, which includes
/// U+0085) and the line and paragraph separators U+2028/U+2029 become a space; runs of space collapse. Whatever still
/// looks like the start of an encoded-word has its <c>=?</c> broken, so no client decodes our header a second time.
/// </summary>
public static class MailHeaderText
{
    /// <summary>Longest header text kept (characters): a subject or name longer than this is cut.</summary>
    public const int MaxLength = 300;

    private const int MaxDecodeRounds = 3;

    public static string SingleLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var value = text;
        // Nested encodings (an encoded-word whose text is itself an encoded-word) unwrap one level per round.
        for (int round = 0; round < MaxDecodeRounds && value.Contains("=?", StringComparison.Ordinal); round++)
        {
            var decoded = Rfc2047.DecodeText(Encoding.UTF8.GetBytes(value));
            if (decoded == value) break;
            value = decoded;
        }

        var sb = new StringBuilder(Math.Min(value.Length, MaxLength));
        bool lastSpace = true;
        foreach (char c in value)
        {
            if (sb.Length >= MaxLength) break;
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(c);
            lastSpace = false;
        }
        sb.Replace("=?", "= ?");
        return sb.ToString().TrimEnd();
    }

    /// <summary>A display name: <see cref="SingleLine"/>, and null when nothing is left.</summary>
    public static string? Name(string? name)
    {
        var value = SingleLine(name);
        return value.Length == 0 ? null : value;
    }

    /// <summary>True when <paramref name="text"/> is already what <see cref="SingleLine"/> would make of it.</summary>
    public static bool IsSingleLine(string? text) => text is null || text == SingleLine(text);
}
