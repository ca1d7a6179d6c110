using System.Text.RegularExpressions;
using LeadIntake.Core.Contacts;

namespace LeadIntake.Core.Intake.Email;

/// <summary>What the signature block of a reply tells about its sender: a phone number and a job title.</summary>
/// <param name="Phone">E.164, or null.</param>
/// <param name="JobTitle">The title line as written ("Responsable achats"), or null.</param>
public sealed partial record EmailSignature(string? Phone, string? JobTitle)
{
    private const int MaxSignatureLines = 10;

    public static EmailSignature None { get; } = new(null, null);

    /// <summary>
    /// Reads the signature of <paramref name="reply"/>: the lines after a "-- " delimiter or a sign-off
    /// ("Cordialement", "Best regards"…), else the trailing short lines. <paramref name="providerSignature"/>
    /// (Mailgun's <c>stripped-signature</c>) is used instead when given.
    /// </summary>
    public static EmailSignature Find(string? reply, string? providerSignature, string? region)
    {
        var block = providerSignature ?? Block(reply);
        if (string.IsNullOrWhiteSpace(block)) return None;
        var phone = PhoneNormaliser.FirstInText(block, region);
        string? title = null;
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length is 0 or > 120 || line.Contains('@', StringComparison.Ordinal) || line.Count(char.IsDigit) > 2) continue;
            if (!TitleWord().IsMatch(line)) continue;
            // "Responsable achats | Papeteries Lambert": the title is the first segment.
            title = TextSanitizer.SingleLine(line.Split(['|', '•', '–', '—'])[0].TrimEnd(',', ' ', '-'));
            break;
        }
        return new EmailSignature(phone, title);
    }

    private static string? Block(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        var lines = reply.Split('\n');
        for (int i = lines.Length - 1; i >= Math.Max(0, lines.Length - 20); i--)
        {
            var line = lines[i].Trim();
            if (line is "--" or "—" or "__" || SignOff().IsMatch(line))
            {
                return string.Join('\n', lines.Skip(i + 1).Take(MaxSignatureLines));
            }
        }
        // No delimiter: the trailing run of short lines ("Olivia Grant / Head of Asset Management / +44 …").
        int start = lines.Length;
        while (start > 0 && lines.Length - start < 6 && lines[start - 1].Trim().Length is > 0 and <= 80 && !lines[start - 1].TrimEnd().EndsWith('?'))
        {
            start--;
        }
        return start == lines.Length ? null : string.Join('\n', lines[start..]);
    }

    [GeneratedRegex(@"^(best( regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks( again| in advance)?|thank you|cheers|sincerely|yours sincerely|yours faithfully|(bien |très )?cordialement|bien à vous|salutations( distinguées)?|sincères salutations|merci( d'avance| beaucoup| par avance)?|bonne (journée|fin de journée|soirée))[\s,.!]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"\b(manager|director|head of|chief|officer|ceo|cto|cfo|coo|cio|founder|co-founder|owner|president|vp|vice president|engineer|buyer|purchasing|procurement|supervisor|superintendent|administrator|coordinator|consultant|lead|partner|assistant|analyst|responsable|directeur|directrice|gérant|gérante|chef|ingénieur|ingénieure|acheteur|acheteuse|président|présidente|fondateur|fondatrice|assistante|comptable|technicien|technicienne|chargée?|pdg|dg|daf|dsi|drh)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex TitleWord();
}
