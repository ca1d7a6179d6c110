namespace LeadIntake.Core.Leads;

/// <summary>
/// The bytes a provider delivered, kept next to the lead for audit and re-processing (never logged, never sent on).
/// One record per delivery: a call lead merged from several callbacks keeps each of them.
/// </summary>
public interface IRawPayloadStore
{
    /// <summary>Stores (or, for a repeated delivery, replaces) the payload of <paramref name="deliveryKey"/> under the lead.</summary>
    Task SaveAsync(LeadId id, string deliveryKey, string? contentType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
