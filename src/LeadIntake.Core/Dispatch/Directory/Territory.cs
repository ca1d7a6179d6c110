using LeadIntake.Core.Dispatch.Assignment;

namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// Where a rule or a rep applies: countries (ISO 3166-1 alpha-2), narrowed by regions and/or postcode prefixes.
/// Empty lists mean "anywhere" on that level.
/// </summary>
public sealed record Territory
{
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> PostcodePrefixes { get; init; } = [];

    public static Territory Anywhere { get; } = new();

    public bool IsAnywhere => Countries.Count == 0 && Regions.Count == 0 && PostcodePrefixes.Count == 0;

    /// <summary>
    /// Whether the lead is inside. <paramref name="unknownMatches"/> decides what a missing fact does: rules are strict
    /// (a "France" rule must not catch a lead of unknown country), reps are lenient (an unknown postcode must not make
    /// a lead unassignable).
    /// </summary>
    public bool Contains(LeadFacts facts, bool unknownMatches)
    {
        if (Countries.Count > 0)
        {
            if (facts.Country is null) { if (!unknownMatches) return false; }
            else if (!Countries.Contains(facts.Country, StringComparer.OrdinalIgnoreCase)) return false;
        }
        if (Regions.Count == 0 && PostcodePrefixes.Count == 0) return true;
        if (facts.Region is null && facts.Postcode is null) return unknownMatches;
        bool inRegion = facts.Region is not null && Regions.Contains(facts.Region, StringComparer.OrdinalIgnoreCase);
        bool inPostcode = facts.Postcode is not null &&
            PostcodePrefixes.Any(p => facts.Postcode.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return inRegion || inPostcode;
    }
}
