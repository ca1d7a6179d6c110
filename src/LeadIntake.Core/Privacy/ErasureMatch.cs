using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// Which leads an erasure request may purge: only a lead whose own contact gives one of the request's keys
/// (<see cref="ContactKeys"/>: the email, the E.164 phone; never the client key, which many people can share). When the
/// request names an email and the lead was found by its phone, a lead with another email is another person sharing
/// the number (a switchboard, a family phone) and is left alone.
/// </summary>
public static class ErasureMatch
{
    /// <param name="emailKey">The request's email key, or null.</param>
    /// <param name="phoneKey">The request's phone key, or null.</param>
    public static bool Matches(Lead lead, string? emailKey, string? phoneKey)
    {
        if (lead.Purged is not null) return false;
        var emails = Contacts(lead).Select(c => ContactKeys.ForEmail(c.Email)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var phones = Contacts(lead).Select(c => ContactKeys.ForPhone(c.Phone))
            .Append(ContactKeys.ForPhone(lead.Captured.Call?.From)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (emailKey is not null && emails.Contains(emailKey)) return true;
        if (phoneKey is null || !phones.Contains(phoneKey)) return false;
        return emailKey is null || emails.Count == 0;
    }

    private static IEnumerable<Contact> Contacts(Lead lead) =>
        lead.OriginalContact is { } original ? [lead.Contact, original] : [lead.Contact];
}
