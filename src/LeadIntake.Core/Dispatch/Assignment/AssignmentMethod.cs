namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>How the rep was chosen.</summary>
public enum AssignmentMethod
{
    AccountOwner,
    RoundRobin,
    FallbackOwner,
    /// <summary>The team manager chose the owner (reassigned the lead, or took it).</summary>
    Manager,
}
