using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The leads waiting in <c>review</c>: a small index, one entry per lead, added when screening holds a lead and removed
/// when it leaves review, so the daily digest never scans the leads. An entry whose lead has left review meanwhile is
/// harmless: the digest loads each lead, skips it and removes the entry.
/// </summary>
public interface IReviewQueue
{
    Task AddAsync(LeadId id, DateTimeOffset heldAt, CancellationToken cancellationToken);

    Task RemoveAsync(LeadId id, CancellationToken cancellationToken);

    /// <summary>Every lead in the queue, oldest first.</summary>
    Task<IReadOnlyList<LeadId>> ListAsync(CancellationToken cancellationToken);
}
