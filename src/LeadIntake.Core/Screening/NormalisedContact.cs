using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The contact after normalisation, with the facts spam screening needs about it: the email's domain and whether its
/// syntax holds, and whether a phone was given but can't be a real number.
/// </summary>
internal sealed record NormalisedContact(
    Contact Contact,
    string? EmailDomain,
    bool EmailInvalid,
    bool PhoneImpossible,
    bool CompanyInferred);
