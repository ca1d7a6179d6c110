namespace LeadIntake.Core.Leads;

/// <summary>
/// Why a rep disqualified a lead: a fixed list so it can be counted. The first four are "not now" and go to nurture;
/// the last three are corrections of an earlier mistake (docs/dispatch.md, "Lifecycle").
/// </summary>
public enum DisqualifyReason
{
    NoBudget,
    NotDecisionMaker,
    NoNeed,
    TimingTooFar,
    WrongPerson,
    Duplicate,
    Spam,
}
