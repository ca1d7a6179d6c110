namespace LeadIntake.Core.Dispatch;

/// <summary>A rep as dispatch sees them: who to mail.</summary>
public sealed record RepChoice(string Email, string? Name, string Language = "en");
