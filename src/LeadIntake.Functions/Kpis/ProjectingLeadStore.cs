using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The lead store every stage saves through, with the KPI projection noted after the lead's own transaction: the one
/// place all stage changes pass, whichever handler made them. Noting costs no I/O and cannot fail a save; the
/// <see cref="KpiProjectionBuffer"/> writes the counters in the background, and the daily recomputation
/// (<see cref="RecomputeKpis"/>) corrects whatever it could not.
/// </summary>
internal sealed class ProjectingLeadStore(TableLeadStore inner, KpiProjectionBuffer buffer) : ILeadStore
{
    public async Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken)
    {
        var created = await inner.CreateAsync(lead, firstEvent, cancellationToken).ConfigureAwait(false);
        if (created is null) return false;
        buffer.Created(created, firstEvent);
        return true;
    }

    public Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    public async Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<LeadIntake.Core.Mail.LeadMailRow> mail, CancellationToken cancellationToken)
    {
        var saved = await inner.SaveAsync(current, updated, events, mail, cancellationToken).ConfigureAwait(false);
        buffer.Saved(current, saved, events);
        return saved;
    }

    public Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken) => inner.GetEventsAsync(id, cancellationToken);

    public IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.FindInStatusAsync(status, from, before, cancellationToken);
}
