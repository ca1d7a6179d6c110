using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real table lead store, except that the first <see cref="FailSavesToStatus"/>-bound saves throw a storage
/// error (a transient outage between a stage's decision and its write). Everything else is the real store.
/// </summary>
public sealed class FaultyLeadStore(ILeadStore inner) : ILeadStore
{
    private int _failuresLeft;
    public LeadStatus? FailSavesToStatus;
    public int Failures { set => _failuresLeft = value; }
    public int FailedSaves;

    public Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken) => inner.TryCreateAsync(lead, firstEvent, cancellationToken);

    public Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<LeadIntake.Core.Mail.LeadMailRow> mail, CancellationToken cancellationToken)
    {
        if (updated.Status == FailSavesToStatus && current.Lead.Status != updated.Status && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref FailedSaves);
            throw new Azure.RequestFailedException(503, "Table service unavailable (test fault).");
        }
        return inner.SaveAsync(current, updated, events, mail, cancellationToken);
    }

    public Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken) => inner.GetEventsAsync(id, cancellationToken);

    public IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.FindInStatusAsync(status, from, before, cancellationToken);
}
