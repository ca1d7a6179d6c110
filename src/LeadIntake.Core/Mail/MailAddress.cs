namespace LeadIntake.Core.Mail;

/// <summary>A mailbox: address and optional display name, both as plain text (the mail layer encodes them).</summary>
public sealed record MailAddress(string Address, string? Name = null);
