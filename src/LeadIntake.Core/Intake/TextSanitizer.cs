using System.Text;

namespace LeadIntake.Core.Intake;

/// <summary>
/// Cleans what people (and bots) type: control characters go, a single-line field loses its line breaks
/// (a CR/LF in a name must never reach a mail header), surrounding space is trimmed, empty becomes null.
/// </summary>
public static class TextSanitizer
{
    public static string? SingleLine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(value.Length);
        bool lastSpace = false;
        foreach (char c in value)
        {
            bool space = char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029';
            if (space)
            {
                if (!lastSpace && sb.Length > 0) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(c);
            lastSpace = false;
        }
        var result = sb.ToString().TrimEnd();
        return result.Length == 0 ? null : result;
    }

    public static string? MultiLine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(value.Length);
        foreach (char c in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c is '\n' or '\t') sb.Append(c);
            else if (c == '\r') sb.Append('\n');
            else if (!char.IsControl(c)) sb.Append(c);
        }
        var result = sb.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
