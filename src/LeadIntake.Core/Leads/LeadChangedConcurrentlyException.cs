namespace LeadIntake.Core.Leads;

/// <summary>
/// Another instance saved the lead first (ETag mismatch). Handlers catch it to reload and decide again once (docs/conventions.md, 'ETag on every update');
/// a second conflict propagates and the queue runtime retries the message.
/// </summary>
public sealed class LeadChangedConcurrentlyException(LeadId id)
    : Exception($"Lead {id} was changed by someone else; reload and decide again.")
{
    public LeadId LeadId { get; } = id;
}
