using System.Collections.Frozen;
using System.Globalization;

namespace LeadIntake.Core.Contacts;

/// <summary>
/// What an email address's domain says: free-mail (never a company), or corporate (a company can be guessed from it).
/// Shared by intake (email senders) and screening (form emails).
/// </summary>
public static class EmailDomains
{
    // Consumer mailbox providers common in France, the UK, the US and the rest of Europe. A lead from one of these
    // tells us nothing about the company: it must never become a company name.
    private static readonly FrozenSet<string> FreeMail = new[]
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "yahoo.co.uk", "ymail.com", "rocketmail.com",
        "hotmail.com", "hotmail.fr", "hotmail.co.uk", "outlook.com", "outlook.fr", "live.com", "live.fr", "msn.com",
        "aol.com", "aol.fr", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.com",
        "gmx.fr", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru",
        "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr",
        "club-internet.fr", "aliceadsl.fr", "libertysurf.fr", "tiscali.fr", "voila.fr", "btinternet.com",
        "sky.com", "virginmedia.com", "talktalk.net", "ntlworld.com", "comcast.net", "verizon.net", "att.net",
        "qq.com", "163.com", "126.com", "tutanota.com", "tuta.io", "fastmail.com", "hey.com", "skynet.be",
        "telenet.be", "bluewin.ch", "libero.it", "t-online.de", "freenet.de", "seznam.cz", "wp.pl", "o2.pl",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The part after the last '@', lower-cased; null when there is none.</summary>
    public static string? DomainOf(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        int at = email.LastIndexOf('@');
        if (at < 1 || at == email.Length - 1) return null;
        return email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
    }

    public static bool IsFreeMail(string? domain) => domain is not null && FreeMail.Contains(domain);

    /// <summary>
    /// A company name guessed from a corporate domain: <c>fonderie-vosges.fr</c> → "Fonderie Vosges".
    /// Null for free-mail domains and anything that doesn't look like a domain.
    /// </summary>
    public static string? CompanyFromDomain(string? domain)
    {
        if (domain is null || IsFreeMail(domain)) return null;
        var labels = domain.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length < 2) return null;
        // The registrable label: the one before the public suffix (handles co.uk / com.au style two-part suffixes).
        int index = labels.Length - 2;
        if (labels.Length >= 3 && labels[^2] is "co" or "com" or "org" or "net" or "ac" or "gouv" or "gov" && labels[^1].Length == 2) index--;
        var label = labels[index];
        if (label.Length < 2) return null;
        var words = label.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var text = CultureInfo.InvariantCulture.TextInfo;
        return string.Join(' ', words.Select(w => text.ToTitleCase(w)));
    }
}
