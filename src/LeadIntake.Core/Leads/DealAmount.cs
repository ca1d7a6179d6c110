namespace LeadIntake.Core.Leads;

/// <summary>What a won deal is worth, as the rep entered it: the revenue KPIs sum these per currency.</summary>
public sealed record DealAmount(decimal Amount, string Currency = "EUR");
