using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Social;

/// <summary>Builds the contact, message and extra fields of a social lead from its answers, with the shared limits.</summary>
internal sealed class SocialContactBuilder(string fieldPrefix)
{
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _extra = new(StringComparer.Ordinal);

    public List<FieldError> Errors { get; } = [];

    public IReadOnlyDictionary<string, string> Extra => _extra;

    /// <summary>Records one answer: a known contact field (first value wins) or an extra field.</summary>
    public void Answer(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var canonical = SocialFieldNames.Canonical(key);
        if (canonical is null) FieldText.AddExtra(_extra, key, value);
        else _known.TryAdd(canonical, value);
    }

    public void Known(string canonical, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) _known.TryAdd(canonical, value);
    }

    public void AddExtra(string name, string? value) => FieldText.AddExtra(_extra, name, value);

    public Contact Contact(string? defaultRegion)
    {
        // A work address is what a B2B seller wants; the personal one is kept when there is no work one.
        var email = Single("workEmail", FieldLimits.Email) ?? Single("email", FieldLimits.Email);
        var phone = Single("workPhone", FieldLimits.Phone) ?? Single("phone", FieldLimits.Phone);
        var country = Single("country", FieldLimits.Country);
        var region = country is { Length: 2 } ? country : defaultRegion;
        var e164 = PhoneNormaliser.ToE164(phone, region);
        if (email is null && phone is null && !Errors.Exists(e => e.Field.EndsWith("email", StringComparison.OrdinalIgnoreCase) || e.Field.EndsWith("phone", StringComparison.OrdinalIgnoreCase)))
        {
            Errors.Add(new FieldError(fieldPrefix + "email", "An email address or a phone number is required."));
        }
        return new Contact
        {
            FullName = Single("name", FieldLimits.Name),
            FirstName = Single("firstName", FieldLimits.Name),
            LastName = Single("lastName", FieldLimits.Name),
            Email = email,
            Phone = e164 ?? phone,
            Company = Single("company", FieldLimits.Company) ?? EmailDomains.CompanyFromDomain(EmailDomains.DomainOf(email)),
            JobTitle = Single("jobTitle", FieldLimits.JobTitle),
            Country = country is { Length: 2 } ? country.ToUpperInvariant() : country ?? PhoneNormaliser.RegionOf(e164),
        };
    }

    public string? Message() => FieldText.MultiCut(_known.GetValueOrDefault("message"), FieldLimits.Message);

    private string? Single(string canonical, int limit) =>
        FieldText.Single(_known.GetValueOrDefault(canonical), fieldPrefix + canonical, limit, Errors);
}
