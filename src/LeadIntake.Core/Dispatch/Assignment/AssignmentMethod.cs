namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>How the rep was chosen.</summary>
public enum AssignmentMethod
{
    AccountOwner,
    RoundRobin,
    FallbackOwner,
}
