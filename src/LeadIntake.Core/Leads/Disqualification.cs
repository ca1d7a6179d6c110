namespace LeadIntake.Core.Leads;

/// <summary>A rep's disqualification: the reason from the fixed list, a free note, who and when.</summary>
public sealed record Disqualification(DisqualifyReason Reason, string? Note, string By, DateTimeOffset At);
