namespace LeadIntake.Core.Dispatch;

/// <summary>What the owner lookup matched the lead on.</summary>
public enum AccountMatch
{
    CompanyDomain,
    Contact,
}
