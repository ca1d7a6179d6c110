namespace LeadIntake.Functions.Reporting;

/// <summary>A delivery as the provider sent it, decoded as UTF-8 for display (invalid bytes become U+FFFD).</summary>
internal sealed record RawPayloadText(string? ContentType, string Text, bool Truncated);
