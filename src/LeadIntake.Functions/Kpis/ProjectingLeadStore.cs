using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The lead store every stage saves through, with the KPI projection hooked after the lead's own transaction: the
/// one place all stage changes pass, whichever handler made them. The projection never fails or undoes a save: an
/// error is logged (lead id and error type only) and the daily recomputation (<see cref="RecomputeKpis"/>) corrects
/// the counters. Cost per stage change: one query of the lead's events, then one read and one batch per month touched.
/// </summary>
internal sealed partial class ProjectingLeadStore(ILeadStore inner, KpiProjector projector, TimeSpan timeout, ILogger<ProjectingLeadStore> logger) : ILeadStore
{
    /// <summary>Storage transactions the projections used since start (the benchmarks read it).</summary>
    public long ProjectionTransactions => Interlocked.Read(ref _transactions);

    private long _transactions;

    public async Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken)
    {
        bool created = await inner.TryCreateAsync(lead, firstEvent, cancellationToken).ConfigureAwait(false);
        if (!created) return created;
        using var bounded = Bounded(cancellationToken);
        await ProjectAsync(lead.Id, null, LeadKpiProfile.Of(lead), [firstEvent], [firstEvent], bounded.Token).ConfigureAwait(false);
        return created;
    }

    // A projection may not hold a stage (or the intake's answer) longer than Kpis:ProjectionTimeout: past it, the
    // counters wait for the daily recomputation.
    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    public Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    public async Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<LeadIntake.Core.Mail.LeadMailRow> mail, CancellationToken cancellationToken)
    {
        var saved = await inner.SaveAsync(current, updated, events, mail, cancellationToken).ConfigureAwait(false);
        var before = LeadKpiProfile.Of(current.Lead);
        var after = LeadKpiProfile.Of(updated);
        // Mail receipts, BANT notes and touches move no counter unless the rep changed with them.
        if (before == after && !events.Any(e => KpiEventTypes.Classify(e) is not null)) return saved;
        try
        {
            using var bounded = Bounded(cancellationToken);
            var history = await inner.GetEventsAsync(updated.Id, bounded.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _transactions);
            await ProjectAsync(updated.Id, before, after, history, events, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogProjectionFailed(logger, e, updated.Id.Value, e.GetType().Name);
        }
        return saved;
    }

    public Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken) => inner.GetEventsAsync(id, cancellationToken);

    public IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.FindInStatusAsync(status, from, before, cancellationToken);

    private async Task ProjectAsync(
        LeadId id, LeadKpiProfile? before, LeadKpiProfile after, IReadOnlyList<LeadEvent> history, IReadOnlyList<LeadEvent> added, CancellationToken cancellationToken)
    {
        try
        {
            int used = await projector.ProjectAsync(before, after, history, added, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _transactions, used);
        }
        catch (Exception e)
        {
            // Whatever went wrong (storage down, a throttled shard, the host stopping), the lead is saved and the
            // caller must see its save succeed: tomorrow's recomputation fixes the counters.
            LogProjectionFailed(logger, e, id.Value, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Lead {LeadId}: KPI projection failed ({ErrorType}); the lead is saved, the daily recomputation corrects the counters")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string leadId, string errorType);
}
