namespace LeadIntake.Core.Leads;

/// <summary>What can happen to a lead. <see cref="LeadLifecycle"/> says from which statuses each is allowed.</summary>
public enum LeadTrigger
{
    Quarantine,
    RouteToService,
    RouteToHr,
    RouteToOther,
    MarkMql,
    Assign,
    Reassign,
    Accept,
    QualifySql,
    QualifySal,
    CreateOpportunity,
    Win,
    Lose,
    Nurture,
    Release,
    Retouch,
}
