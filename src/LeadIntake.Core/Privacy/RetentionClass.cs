namespace LeadIntake.Core.Privacy;

/// <summary>Which retention period applies (docs/privacy.md, "Retention"). Wire names are snake_case (<see cref="Leads.WireNames"/>: <c>raw_payload</c>).</summary>
public enum RetentionClass
{
    /// <summary>A lead screened or confirmed as spam.</summary>
    Spam,
    /// <summary>The raw payload rows a provider delivered (the lead itself stays).</summary>
    RawPayload,
    /// <summary>A request routed out of the funnel (service, HR, other) and handed to its mailbox.</summary>
    Routed,
    /// <summary>A prospect: any lead of the sales funnel that is not won (open, lost, nurtured, held for review).</summary>
    Prospect,
    /// <summary>A won lead, handed to the CRM.</summary>
    Won,
}
