using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Leads by hashed contact key (<see cref="ContactKeys"/>): burst counts for screening, known contacts for new touches,
/// and later erasure and export by email. One key is one partition, so a lookup is one range query.
/// </summary>
public interface IContactIndex
{
    /// <summary>Records the lead under each key; a key already holding it is left as it is (a retry).</summary>
    Task RecordAsync(LeadId leadId, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Leads recorded under <paramref name="key"/> captured at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<LeadId>> FindSinceAsync(string key, DateTimeOffset since, CancellationToken cancellationToken);
}
