namespace LeadIntake.Core.Leads;

/// <summary>Where a lead stands in the funnel (DESIGN §1). Wire names are snake_case: see <see cref="WireNames"/>.</summary>
public enum LeadStatus
{
    Captured,
    Spam,
    RoutedService,
    RoutedHr,
    RoutedOther,
    Mql,
    Assigned,
    Accepted,
    Sql,
    Sal,
    Opportunity,
    Won,
    Lost,
    Nurture,
}
