using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Privacy;

/// <summary>Whether a lead's personal data was purged already (the skeleton <c>ILeadPurge</c> leaves).</summary>
internal static class LeadPurgeState
{
    // Placeholder until the purge lands: a purged lead has no contact left.
    public static bool IsPurged(Lead lead) =>
        lead.Contact.Email is null && lead.Contact.Phone is null && lead.Contact.FirstName is null && lead.Contact.LastName is null;
}
