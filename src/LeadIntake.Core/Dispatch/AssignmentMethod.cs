namespace LeadIntake.Core.Dispatch;

/// <summary>How the rep was chosen.</summary>
public enum AssignmentMethod
{
    AccountOwner,
    RoundRobin,
    FallbackOwner,
}
