using System.Collections.Concurrent;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>Provider event id → lead id, insert-first as the table does: the first claim wins.</summary>
internal sealed class InMemoryIntakeKeys : IIntakeKeys
{
    private readonly ConcurrentDictionary<(string Provider, string EventId), LeadId> _claims = new();

    public Task<LeadId> ClaimAsync(string provider, string providerEventId, LeadId candidate, CancellationToken cancellationToken) =>
        Task.FromResult(_claims.GetOrAdd((provider, providerEventId), candidate));

    public Task<SignatureUse> RecordSignatureAsync(string provider, string signature, string deliveryKey, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fast stage tests don't verify signatures.");
}

/// <summary>The delivery ledger in memory: claimed, then applied.</summary>
internal sealed class InMemoryDeliveryLedger : IDeliveryLedger
{
    private readonly ConcurrentDictionary<(string Provider, string Key), bool> _applied = new();

    public Task<DeliveryClaim> ClaimAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken)
    {
        if (_applied.TryAdd((provider, deliveryKey), false)) return Task.FromResult(DeliveryClaim.Claimed);
        return Task.FromResult(_applied[(provider, deliveryKey)] ? DeliveryClaim.Applied : DeliveryClaim.Pending);
    }

    public Task MarkAppliedAsync(string provider, string deliveryKey, LeadId leadId, CancellationToken cancellationToken)
    {
        _applied[(provider, deliveryKey)] = true;
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryRawPayloads : IRawPayloadStore
{
    public ConcurrentDictionary<(LeadId Lead, string DeliveryKey), byte[]> Saved { get; } = new();

    public Task SaveAsync(LeadId id, string deliveryKey, string? contentType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Saved[(id, deliveryKey)] = payload.ToArray();
        return Task.CompletedTask;
    }
}
