namespace LeadIntake.Core.Leads;

/// <summary>
/// Deliveries of events that update an existing lead (the callbacks of one phone call), claimed by insert (docs/conventions.md, 'Insert first').
/// A claim is <c>pending</c> until the event is applied, so a delivery that died half-way is applied again by the
/// provider's retry instead of being mistaken for a duplicate (the same pattern as the mail outbox).
/// </summary>
public interface IDeliveryLedger
{
    Task<DeliveryClaim> ClaimAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken);

    Task MarkAppliedAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken);
}

/// <summary>What a delivery claim found.</summary>
public enum DeliveryClaim
{
    /// <summary>First time this delivery is seen: apply it.</summary>
    Claimed,
    /// <summary>Claimed earlier but not marked applied (a crash or a concurrent attempt): apply it again; applying is idempotent.</summary>
    Pending,
    /// <summary>Already applied: a repeated delivery, change nothing.</summary>
    Applied,
}
