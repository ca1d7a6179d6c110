namespace LeadIntake.Core.Dispatch.Links;

/// <summary>What a signed link in a rep's mail lets them do. Wire names: <c>accept</c>, <c>qualify</c>, <c>disqualify</c>, <c>nurture</c>.</summary>
public enum RepAction
{
    Accept,
    Qualify,
    Disqualify,
    Nurture,
    /// <summary>Later steps, offered on the rep's lead page (not in the first mail).</summary>
    Opportunity,
    Won,
    Lost,
    /// <summary>
    /// The rep's read-only lead page: opened many times, never one-time. Its nonce binds the link to one assignment
    /// (<see cref="LeadPageLinks"/>), so a reassignment revokes it.
    /// </summary>
    View,
    // Mailbox actions: signed for a team mailbox (the "rep" of the link), on the mailbox pages, never on rep pages.
    /// <summary>The marketing mailbox releases a lead held for review: a genuine request, screened again.</summary>
    Release,
    /// <summary>The marketing mailbox confirms a lead held for review is spam.</summary>
    ConfirmSpam,
    /// <summary>A service, HR or marketing mailbox sends a routed request back to sales.</summary>
    ReturnToSales,
    // Manager actions: signed for the team manager, in the reassignment or escalation notice, on the manager pages.
    /// <summary>The manager hands the lead to another eligible rep of the team, chosen on a form.</summary>
    ManagerReassign,
    /// <summary>The manager takes the lead: they become its owner.</summary>
    ManagerTake,
}
