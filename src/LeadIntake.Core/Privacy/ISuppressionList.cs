using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// People who asked for erasure: they get no nurture or marketing again, while a new request from them is still
/// captured as a new lead. Kept as keyed hashes only (docs/privacy.md, "Suppression").
/// </summary>
public interface ISuppressionList
{
    /// <summary>The contact's email or E.164 phone is on the list.</summary>
    Task<bool> IsSuppressedAsync(Contact contact, CancellationToken cancellationToken);
}
