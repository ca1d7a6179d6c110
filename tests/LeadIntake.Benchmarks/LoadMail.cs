namespace LeadIntake.Benchmarks;

/// <summary>A mail maildev received: its Message-Id without brackets (<c>{leadId}.{purpose}@leadintake</c>) and its recipients.</summary>
internal sealed record LoadMail(string MessageId, IReadOnlyList<string> To);
