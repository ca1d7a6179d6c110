namespace LeadIntake.Core.Reporting;

/// <summary>Where a lead captured today stands after screening: the columns of the Today page.</summary>
public enum TodayOutcome
{
    Spam,
    Service,
    Hr,
    Other,
    Mql,
    /// <summary>Not screened yet, or held for review.</summary>
    Pending,
}
