namespace LeadIntake.Core.Leads;

/// <summary>The contact's weight in the buying decision.</summary>
public enum AuthorityLevel
{
    Unknown,
    DecisionMaker,
    Influencer,
    User,
}
