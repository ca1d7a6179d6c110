namespace LeadIntake.Core.Screening;

/// <summary>A group of terms as written in the rules file (<c>spam.groups[]</c>, <c>intent.groups[]</c>).</summary>
public sealed record TermGroupDocument
{
    /// <summary>commercial, service, hr or other; absent for spam vocabularies.</summary>
    public string? Intent { get; init; }
    public required string Name { get; init; }
    public double Weight { get; init; } = 1.0;
    public int MaxHits { get; init; } = 2;
    /// <summary>When true, a negator ("pas", "not"…) in the three words before a term cancels it.</summary>
    public bool Negatable { get; init; }
    public IReadOnlyList<string> Terms { get; init; } = [];
}
