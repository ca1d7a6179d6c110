namespace LeadIntake.Core.Leads;

/// <summary>A budget as an amount or a range (prospects rarely give one figure), in an ISO 4217 currency.</summary>
public sealed record BudgetAnswer(decimal? Amount, decimal? Minimum, decimal? Maximum, string Currency = "EUR")
{
    public bool IsKnown => Amount is not null || Minimum is not null || Maximum is not null;
}
