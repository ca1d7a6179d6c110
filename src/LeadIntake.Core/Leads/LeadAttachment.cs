namespace LeadIntake.Core.Leads;

/// <summary>A file that came with a lead, listed only: its content stays with the raw payload, never in the lead.</summary>
/// <param name="Name">The file name as the sender gave it (sanitised), or null when the part had none.</param>
/// <param name="ContentType">The MIME type, e.g. <c>application/pdf</c>.</param>
/// <param name="SizeBytes">The decoded size when the provider tells it or it can be computed; null when unknown.</param>
public sealed record LeadAttachment(string? Name, string? ContentType, long? SizeBytes);
