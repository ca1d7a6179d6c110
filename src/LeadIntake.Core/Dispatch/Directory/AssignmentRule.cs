using LeadIntake.Core.Dispatch.Assignment;

namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// One ordered assignment rule: every condition that is set must match (empty = any), then the lead goes to
/// <see cref="TeamId"/>. Rules are tried in order and the first match wins.
/// </summary>
public sealed record AssignmentRule
{
    public required string Name { get; init; }
    public required string TeamId { get; init; }
    public Territory Territory { get; init; } = Territory.Anywhere;
    /// <summary>ISO 639-1 codes.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Segments, matched per dimension: see <see cref="SegmentMatch"/>.</summary>
    public IReadOnlyList<Segment> Segments { get; init; } = [];
    public IReadOnlyList<Leads.Channel> Channels { get; init; } = [];
    /// <summary>Product interest: any keyword found as a whole word in the subject, message or extra fields.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public bool Matches(LeadFacts facts)
    {
        if (!Territory.Contains(facts, unknownMatches: false)) return false;
        if (Languages.Count > 0 && (facts.Language is null || !Languages.Contains(facts.Language, StringComparer.OrdinalIgnoreCase))) return false;
        if (!SegmentMatch.Allows(Segments, facts.Segments, unknownMatches: false)) return false;
        if (Channels.Count > 0 && !Channels.Contains(facts.Channel)) return false;
        if (Keywords.Count > 0 && !Keywords.Any(facts.Mentions)) return false;
        return true;
    }
}
