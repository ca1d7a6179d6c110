namespace LeadIntake.Core.Leads;

/// <summary>
/// Leads still in <c>captured</c> whose screening message may be missing, for the sweeper: each lead row carries when it
/// was last queued for screening (written with the lead, in its create transaction), so a lead is queued again only
/// once that mark is old, and the mark moves forward when it is.
/// </summary>
public interface IStrandedLeads
{
    /// <summary>Leads in <c>captured</c>, captured since <paramref name="capturedFrom"/>, last queued before <paramref name="queuedBefore"/>.</summary>
    IAsyncEnumerable<StrandedLead> FindAsync(DateTimeOffset capturedFrom, DateTimeOffset queuedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="lead"/> queued at <paramref name="now"/> if it has not changed since it was found; false when
    /// it has (a stage moved it on, or another sweeper marked it first): then it must not be queued.
    /// </summary>
    Task<bool> TryMarkQueuedAsync(StrandedLead lead, DateTimeOffset now, CancellationToken cancellationToken);
}
