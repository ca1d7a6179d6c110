namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>How urgently a rep should act: P1 call now, P2 today, P3 when possible.</summary>
public enum PriorityLevel
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
}
