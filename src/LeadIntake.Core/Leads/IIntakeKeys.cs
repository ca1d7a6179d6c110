namespace LeadIntake.Core.Leads;

/// <summary>
/// Provider event id → lead id, insert-if-absent (STYLE 9): the first delivery claims the event for a new lead id;
/// every later delivery of the same event gets that same id back.
/// </summary>
public interface IIntakeKeys
{
    /// <summary>Returns <paramref name="candidate"/> when this call claimed the event, else the id claimed earlier.</summary>
    Task<LeadId> ClaimAsync(string provider, string providerEventId, LeadId candidate, CancellationToken cancellationToken);
}
