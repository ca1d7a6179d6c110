namespace LeadIntake.Core.Kpis;

/// <summary>
/// What a lead event means for the funnel KPIs: a stage the lead entered, a release from quarantine or an SLA breach.
/// <see cref="KpiEventTypes.Classify"/> is the one place that reads an audit event and says which step it is.
/// </summary>
public enum FunnelStep
{
    Captured,
    Review,
    Spam,
    Service,
    Hr,
    Other,
    Mql,
    Assigned,
    Accepted,
    Sql,
    Sal,
    Opportunity,
    Won,
    Lost,
    Nurture,
    /// <summary>Taken out of quarantine or review by a person (a screening false positive).</summary>
    Released,
    /// <summary>The acceptance SLA ran out: the rep was reminded or the lead escalated (detail names the rep).</summary>
    SlaBreach,
}
