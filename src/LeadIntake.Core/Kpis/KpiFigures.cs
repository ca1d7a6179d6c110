namespace LeadIntake.Core.Kpis;

/// <summary>The counts and rates of one channel, or of all channels (<see cref="KpiReport.Total"/>).</summary>
public sealed record KpiFigures
{
    /// <summary>Captured leads that are not spam (service, HR and other included).</summary>
    public long Mcl { get; init; }
    /// <summary>Commercial leads: first MQL of each lead (period: entered in the month; cohort: within the window).</summary>
    public long Mql { get; init; }
    /// <summary>Returns from nurture to MQL (period mode; counted apart from <see cref="Mql"/>).</summary>
    public long Remql { get; init; }
    public long Sql { get; init; }
    public long Sal { get; init; }
    public long Opportunity { get; init; }
    public long Won { get; init; }
    public long Lost { get; init; }
    public long Nurture { get; init; }
    public long Spam { get; init; }
    public long Service { get; init; }
    public long Hr { get; init; }
    public long Other { get; init; }
    /// <summary>MCL ÷ website visitors.</summary>
    public double? Conversion { get; init; }
    /// <summary>Won ÷ MQL (commercial leads only).</summary>
    public double? Transformation { get; init; }
    public required IReadOnlyDictionary<string, KpiVelocity> Velocity { get; init; }
    /// <summary>(MQL this month − MQL last month) ÷ MQL last month, period counts.</summary>
    public double? Lvr { get; init; }
    /// <summary>Lead-generation spend ÷ MQL.</summary>
    public decimal? Cpl { get; init; }
    /// <summary>All spend (lead generation and conversion) ÷ won.</summary>
    public decimal? Cac { get; init; }
    public decimal Spend { get; init; }
    /// <summary>SQLs whose lead went through nurture before its first SQL, and their share of SQLs.</summary>
    public long SqlViaNurture { get; init; }
    public double? SqlViaNurtureShare { get; init; }
}
