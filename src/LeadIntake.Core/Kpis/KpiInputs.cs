namespace LeadIntake.Core.Kpis;

/// <summary>What the lead manager enters for a month: website visitors (null when not entered) and the spend ledger.</summary>
public sealed record KpiInputs(long? Visitors, IReadOnlyList<SpendLine> Spend)
{
    public static KpiInputs None { get; } = new(null, []);
}
