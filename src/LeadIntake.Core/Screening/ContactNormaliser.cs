using System.Collections.Frozen;
using System.Globalization;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Normalises who the lead is: email trimmed with its domain lower-cased (the local part is case-sensitive by RFC 5321,
/// so it is kept), phone to E.164 (the lead's country, else the configured region), names with single spaces and
/// sensible casing, and a company guessed from a corporate domain when none was given (free-mail never becomes one).
/// </summary>
internal static class ContactNormaliser
{
    // Caller-id placeholders carriers send instead of a name: not a person's name.
    private static readonly FrozenSet<string> CallerIdPlaceholders = new[]
    {
        "unknown", "unknown caller", "anonymous", "private", "private number", "wireless caller", "unavailable", "inconnu",
        "numero masque", "masque", "appel masque",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static NormalisedContact Normalise(Contact contact, string? defaultRegion, DisposableDomains disposable)
    {
        var (email, domain) = NormaliseEmail(contact.Email);
        bool emailInvalid = email is not null && !EmailSyntax.IsValid(email);
        var country = contact.Country is { Length: 2 } c ? c.ToUpperInvariant() : null;
        var phone = PhoneNormaliser.ToE164(contact.Phone, country ?? defaultRegion);
        bool phoneImpossible = contact.Phone is not null && phone is null;
        var company = Name(contact.Company, keepCase: true);
        bool inferred = false;
        // A throw-away mailbox says nothing about an employer, like free-mail.
        if (company is null && !emailInvalid && !disposable.Contains(domain))
        {
            company = EmailDomains.CompanyFromDomain(domain);
            inferred = company is not null;
        }
        var normalised = contact with
        {
            Email = email,
            Phone = phone ?? TextSanitizer.SingleLine(contact.Phone),
            FirstName = Name(contact.FirstName),
            LastName = Name(contact.LastName),
            FullName = Name(contact.FullName),
            Company = company,
            JobTitle = TextSanitizer.SingleLine(contact.JobTitle),
            Country = country,
        };
        return new NormalisedContact(normalised, domain, emailInvalid, phoneImpossible, inferred);
    }

    private static (string? Email, string? Domain) NormaliseEmail(string? raw)
    {
        var email = TextSanitizer.SingleLine(raw)?.Trim('<', '>', ' ');
        if (string.IsNullOrEmpty(email)) return (null, null);
        int at = email.LastIndexOf('@');
        if (at < 0) return (email, null);
        var domain = email[(at + 1)..].TrimEnd('.').ToLowerInvariant();
        return ($"{email[..at]}@{domain}", domain.Length == 0 ? null : domain);
    }

    /// <summary>
    /// Single spaces; a word in ALL CAPS or all lower case becomes Title Case ("MARTIN paul" → "Martin Paul"); a word
    /// already in mixed case ("McAllister", "DuPont") is the person's own spelling and is kept.
    /// </summary>
    private static string? Name(string? raw, bool keepCase = false)
    {
        var name = TextSanitizer.SingleLine(raw);
        if (name is null || CallerIdPlaceholders.Contains(name)) return null;
        if (keepCase) return name;
        var words = name.Split(' ');
        var text = CultureInfo.InvariantCulture.TextInfo;
        for (int i = 0; i < words.Length; i++)
        {
            bool hasUpper = false, hasLower = false;
            foreach (char c in words[i])
            {
                if (char.IsUpper(c)) hasUpper = true;
                else if (char.IsLower(c)) hasLower = true;
            }
            if (!(hasUpper && hasLower)) words[i] = text.ToTitleCase(words[i].ToLowerInvariant());
        }
        return string.Join(' ', words);
    }
}
