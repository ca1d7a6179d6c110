namespace LeadIntake.Core.Leads;

/// <summary>Where a lead stands in the funnel (docs/architecture.md, 'Vocabulary'). Wire names are snake_case: see <see cref="WireNames"/>.</summary>
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
    /// <summary>Screening was unsure between spam and a genuine intent: held for a person to decide (daily digest), never mailed to a rep, never lost.</summary>
    Review,
}
