namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>What the SLA watch did for one lead on a tick, for the log.</summary>
public enum SlaOutcome
{
    None,
    /// <summary>Another rep can now take the lead: its SLA starts.</summary>
    Started,
    Reminded,
    Reassigned,
    Escalated,
}
