namespace LeadIntake.Core.Leads;

/// <summary>
/// What a line of the audit trail records: a closed set. Stored and shown by its wire name
/// (<see cref="WireNames"/>: <c>rep_notified</c>, <c>sla_escalated</c>), so renaming a member changes stored data:
/// add members, never rename them.
/// </summary>
public enum LeadEventType
{
    Captured,
    CallUpdated,
    Screened,
    AttachedTo,
    Touch,
    Released,
    SpamConfirmed,
    ReturnedToSales,
    Assigned,
    RepNotified,
    Reassigned,
    SlaStarted,
    SlaSuspended,
    SlaReminded,
    SlaEscalated,
    Accepted,
    BantRecorded,
    QualifiedSql,
    QualifiedSal,
    OpportunityCreated,
    Won,
    Lost,
    Disqualified,
    Nurtured,
    Recycled,
    Retouched,
    /// <summary>The lead's personal data was removed (erasure or retention); the detail is the reason.</summary>
    Purged,
}
