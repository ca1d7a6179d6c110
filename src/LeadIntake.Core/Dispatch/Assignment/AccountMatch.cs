namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>What the owner lookup matched the lead on.</summary>
public enum AccountMatch
{
    CompanyDomain,
    Contact,
}
