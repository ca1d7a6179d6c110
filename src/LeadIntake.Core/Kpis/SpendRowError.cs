namespace LeadIntake.Core.Kpis;

/// <summary>A spend row that was refused: its line (1 is the CSV header; JSON items count from 1), the field and why.</summary>
public sealed record SpendRowError(int Line, string Field, string Reason);
