using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch;

/// <summary>
/// The dispatch decider. Foundation version: the configured default rep gets every MQL. Assignment rules,
/// round robin and capacity replace this body (issue "Dispatch and qualification").
/// </summary>
public static class LeadDispatcher
{
    public static RepAssignment Assign(Lead lead, RepChoice defaultRep, DateTimeOffset now)
    {
        _ = lead;
        return new RepAssignment(defaultRep.Email, defaultRep.Name, "no assignment rules configured → default rep", now);
    }
}
