using System.Text.RegularExpressions;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// Separates what the sender wrote from the quoted history below it, by the separators mail clients write:
/// "On … wrote:" (Gmail, Apple Mail; may wrap onto two lines), "Le … a écrit :" (French clients),
/// "-----Original Message-----" / "-----Message d'origine-----" (Outlook), an Outlook header block
/// ("From:/De :" followed by "Sent:/Envoyé :/To:/À :/Subject:/Objet :"), and lines starting with "&gt;".
/// </summary>
public static partial class EmailReplyText
{
    /// <summary>The reply (what is above the first separator) and the quoted history (from it on, or null).</summary>
    public static (string Reply, string? Quoted) Split(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!StartsQuote(lines, i)) continue;
            var reply = string.Join('\n', lines[..i]).Trim();
            // A mail that is only quoted history (a bare forward) keeps it all: the lead is in there.
            if (reply.Length == 0) return (text.Trim(), null);
            return (reply, string.Join('\n', lines[i..]));
        }
        return (text.Trim(), null);
    }

    private static bool StartsQuote(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.StartsWith('>')) return true;
        if (OriginalMessage().IsMatch(line)) return true;
        if (WroteOneLine().IsMatch(line)) return true;
        // Gmail wraps a long "On <date>, <name> <address>" before "wrote:".
        if (i + 1 < lines.Length && WroteStart().IsMatch(line) && WroteEnd().IsMatch(lines[i + 1].Trim())) return true;
        if (HeaderFrom().IsMatch(line))
        {
            for (int j = i + 1; j < Math.Min(lines.Length, i + 5); j++)
            {
                if (HeaderNext().IsMatch(lines[j].Trim())) return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Message d'origine|Message d’origine|Ursprüngliche Nachricht)\s*-{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(On\s.{1,300}\swrote|Le\s.{1,300}\sa\s+écrit|Am\s.{1,300}\sschrieb)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex WroteOneLine();

    [GeneratedRegex(@"^(On|Le|Am)\s.{1,300}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex WroteStart();

    [GeneratedRegex(@"^.{0,200}(wrote|a\s+écrit|schrieb)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex WroteEnd();

    [GeneratedRegex(@"^\**(From|De|Von)\s?:\**\s?\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\**(Sent|Date|Envoyé|To|À|Objet|Subject|Gesendet|An|Betreff)\s?:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HeaderNext();
}
