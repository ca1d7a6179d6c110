namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>What the SLA watch does for a lead now.</summary>
public enum SlaAction
{
    None,
    /// <summary>Mail the rep a reminder (once per assignment).</summary>
    Remind,
    /// <summary>Move the lead to the next eligible rep and tell the manager.</summary>
    Reassign,
    /// <summary>The reassignment limit is reached: leave the lead, tell the manager (once).</summary>
    Escalate,
}
