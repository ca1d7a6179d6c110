namespace LeadIntake.Core.Leads;

/// <summary>One line of a lead's audit trail: what happened, when, and who did it. Never personal data in <see cref="Detail"/>.</summary>
public sealed record LeadEvent(LeadEventType Type, DateTimeOffset At, string Actor, string? Detail = null);
