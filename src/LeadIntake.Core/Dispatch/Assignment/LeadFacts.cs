using System.Globalization;
using System.Text;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// What assignment rules look at, read once from a lead: where it is, which language, which segments, which channel,
/// and its text folded for keyword matching.
/// </summary>
public sealed record LeadFacts
{
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? Postcode { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<Segment> Segments { get; init; } = [];
    public Channel Channel { get; init; }
    /// <summary>Subject, message and extra field values, lower-cased without accents ("Développement" → "developpement").</summary>
    public string FoldedText { get; init; } = string.Empty;

    // Extra field names forms use for these facts, compared after folding and removing '_', '-' and spaces.
    private static readonly string[] RegionFields = ["region", "state", "province", "departement", "county"];
    private static readonly string[] PostcodeFields = ["postcode", "postalcode", "zip", "zipcode", "codepostal", "cp"];
    private static readonly string[] LanguageFields = ["language", "lang", "langue", "locale"];
    private static readonly string[] SizeFields = ["employees", "companysize", "headcount", "effectif", "taille", "size"];

    // Only countries with one dominant business language: Belgium, Switzerland or Canada would be a guess.
    private static readonly Dictionary<string, string> CountryLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FR"] = "fr", ["MC"] = "fr", ["GB"] = "en", ["US"] = "en", ["IE"] = "en", ["AU"] = "en", ["NZ"] = "en",
        ["DE"] = "de", ["AT"] = "de", ["ES"] = "es", ["IT"] = "it", ["NL"] = "nl", ["PT"] = "pt",
    };

    public static LeadFacts Of(Lead lead)
    {
        var contact = lead.Contact;
        var extra = lead.Captured.ExtraFields
            .GroupBy(p => FieldKey(p.Key))
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        string? Extra(string[] names) => names.Select(n => extra.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        var country = contact.Country is { Length: 2 } c ? c.ToUpperInvariant() : PhoneNormaliser.RegionOf(contact.Phone);
        var language = Extra(LanguageFields) is { Length: >= 2 } lang ? lang[..2].ToLowerInvariant()
            : country is not null ? CountryLanguage.GetValueOrDefault(country) : null;
        var postcode = Extra(PostcodeFields)?.Replace(" ", "", StringComparison.Ordinal);

        var segments = new List<Segment>(2);
        var domain = EmailDomains.DomainOf(contact.Email);
        if (domain is not null) segments.Add(EmailDomains.IsFreeMail(domain) ? Segment.FreeMail : Segment.Corporate);
        if (Headcount(Extra(SizeFields)) is { } headcount)
        {
            segments.Add(headcount switch { < 50 => Segment.Small, < 1000 => Segment.Mid, _ => Segment.Enterprise });
        }

        var text = new StringBuilder();
        text.Append(' ').Append(lead.Captured.Subject).Append(' ').Append(lead.Captured.Message);
        foreach (var value in lead.Captured.ExtraFields.Values) text.Append(' ').Append(value);

        return new LeadFacts
        {
            Country = country,
            Region = Extra(RegionFields),
            Postcode = string.IsNullOrEmpty(postcode) ? null : postcode,
            Language = language,
            Segments = segments,
            Channel = lead.Channel,
            FoldedText = Fold(text.ToString()),
        };
    }

    /// <summary>Whether the keyword appears as a whole word (or phrase) in the lead's text, ignoring case and accents.</summary>
    public bool Mentions(string keyword)
    {
        var folded = Fold(keyword).Trim();
        if (folded.Length == 0) return false;
        int start = 0;
        while ((start = FoldedText.IndexOf(folded, start, StringComparison.Ordinal)) >= 0)
        {
            int end = start + folded.Length;
            bool wordStart = start == 0 || !char.IsLetterOrDigit(FoldedText[start - 1]);
            bool wordEnd = end == FoldedText.Length || !char.IsLetterOrDigit(FoldedText[end]);
            if (wordStart && wordEnd) return true;
            start++;
        }
        return false;
    }

    /// <summary>Lower case without diacritics, so "Usinage" in a rule matches "USINAGE" and "usinâge" alike.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string FieldKey(string name) =>
        Fold(name).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    // "50-249", "1000+", "about 120", "1 000": the first number is the band's floor, which is what decides the segment.
    private static int? Headcount(string? text)
    {
        if (text is null) return null;
        var digits = new StringBuilder();
        foreach (char ch in text)
        {
            if (char.IsAsciiDigit(ch)) digits.Append(ch);
            else if (digits.Length > 0 && ch is ' ' or '\u00a0' or ',' or '.' or '\u202f') continue;
            else if (digits.Length > 0) break;
        }
        return digits.Length is > 0 and <= 9 ? int.Parse(digits.ToString(), CultureInfo.InvariantCulture) : null;
    }
}
