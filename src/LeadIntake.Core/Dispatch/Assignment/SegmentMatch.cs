using LeadIntake.Core.Dispatch.Directory;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// Segment matching by dimension: domain type (corporate, free-mail) and size band (small, mid, enterprise).
/// Within a dimension any listed value matches; across dimensions all must ("corporate" + "enterprise" means both).
/// </summary>
public static class SegmentMatch
{
    private static readonly Segment[] DomainTypes = [Segment.Corporate, Segment.FreeMail];
    private static readonly Segment[] SizeBands = [Segment.Small, Segment.Mid, Segment.Enterprise];

    /// <param name="wanted">What a rule or a rep asks for; empty allows everything.</param>
    /// <param name="has">The lead's segments.</param>
    /// <param name="unknownMatches">Whether a dimension the lead has no value for passes (reps: yes, rules: no).</param>
    public static bool Allows(IReadOnlyList<Segment> wanted, IReadOnlyList<Segment> has, bool unknownMatches) =>
        Dimension(DomainTypes, wanted, has, unknownMatches) && Dimension(SizeBands, wanted, has, unknownMatches);

    private static bool Dimension(Segment[] dimension, IReadOnlyList<Segment> wanted, IReadOnlyList<Segment> has, bool unknownMatches)
    {
        var asked = wanted.Where(dimension.Contains).ToList();
        if (asked.Count == 0) return true;
        var known = has.Where(dimension.Contains).ToList();
        if (known.Count == 0) return unknownMatches;
        return known.Exists(asked.Contains);
    }
}
