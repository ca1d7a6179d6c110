namespace LeadIntake.Core.Leads;

/// <summary>When the prospect means to buy: a date when they gave one, else a horizon.</summary>
public sealed record TimingAnswer(DateOnly? ExpectedBy, TimingHorizon? Horizon = null)
{
    public bool IsKnown => ExpectedBy is not null || Horizon is not null;

    /// <summary>The latest date the purchase is expected by; null when never (<see cref="TimingHorizon.BeyondYear"/>) or unknown.</summary>
    public DateOnly? LatestBy(DateOnly today) => ExpectedBy ?? Horizon switch
    {
        TimingHorizon.WithinMonth => today.AddMonths(1),
        TimingHorizon.WithinQuarter => today.AddMonths(3),
        TimingHorizon.WithinHalfYear => today.AddMonths(6),
        TimingHorizon.WithinYear => today.AddMonths(12),
        _ => null,
    };
}
