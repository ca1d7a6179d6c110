namespace LeadIntake.Functions.Qualification;

/// <summary>A rendered rep page and its HTTP status.</summary>
public sealed record RepPage(int Status, string Html);
