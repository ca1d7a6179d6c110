namespace LeadIntake.Core.Leads;

/// <summary>Where leads and their audit trail live. A save moves the lead and appends its events atomically.</summary>
public interface ILeadStore
{
    /// <summary>Stores a new lead with its first event. False when a lead with that id already exists (a retried capture).</summary>
    Task<bool> TryCreateAsync(Lead lead, LeadEvent firstEvent, CancellationToken cancellationToken);

    Task<StoredLead?> FindAsync(LeadId id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the lead if it is still at <paramref name="current"/>'s version, and appends <paramref name="events"/>,
    /// all or nothing. Throws <see cref="LeadChangedConcurrentlyException"/> when someone else saved first.
    /// When <paramref name="updated"/> is purged and <paramref name="current"/> was not (<see cref="Lead.Purged"/>), the
    /// store also rewrites the lead's earlier events through <see cref="Privacy.LeadRedaction.Redact"/> in the same save:
    /// no free text is left beside a purged lead.
    /// </summary>
    Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken) =>
        SaveAsync(current, updated, events, [], cancellationToken);

    /// <summary>
    /// As <see cref="SaveAsync(StoredLead, Lead, IReadOnlyList{LeadEvent}, CancellationToken)"/>, with changes to the
    /// lead's outbox rows (<paramref name="mail"/>: a claim, a <c>sent</c> mark) in the same transaction.
    /// </summary>
    Task<StoredLead> SaveAsync(StoredLead current, Lead updated, IReadOnlyList<LeadEvent> events, IReadOnlyList<Mail.LeadMailRow> mail, CancellationToken cancellationToken);

    Task<IReadOnlyList<LeadEvent>> GetEventsAsync(LeadId id, CancellationToken cancellationToken);

    /// <summary>Leads in <paramref name="status"/> captured between <paramref name="from"/> and <paramref name="before"/> (timers: SLA watch, recycler).</summary>
    IAsyncEnumerable<StoredLead> FindInStatusAsync(LeadStatus status, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken);
}
