namespace LeadIntake.Core.Screening;

/// <summary>A lead's contact index keys; each is null when the lead has no such value.</summary>
public sealed record ContactKeySet(string? Email, string? Phone, string? Client)
{
    /// <summary>The keys that identify the person (same email or same phone).</summary>
    public IEnumerable<string> Contact => new[] { Email, Phone }.OfType<string>();

    public IReadOnlyList<string> All => new[] { Email, Phone, Client }.OfType<string>().ToList();
}
