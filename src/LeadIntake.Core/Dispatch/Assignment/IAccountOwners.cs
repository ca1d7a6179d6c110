using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>Which rep owns an account (company domain, or the contact's email): later leads from it go to them.</summary>
public interface IAccountOwners
{
    Task<AccountOwner?> FindAsync(Lead lead, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="repEmail"/> as the owner of the lead's account (a rep accepted or qualified it).</summary>
    Task RecordAsync(Lead lead, string repEmail, DateTimeOffset now, CancellationToken cancellationToken);
}
