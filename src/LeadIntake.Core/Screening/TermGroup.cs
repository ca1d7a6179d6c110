using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A named family of terms that scores together: for an intent (<see cref="Intent"/> set) or a spam vocabulary
/// (<see cref="Intent"/> null). Each distinct term found adds <see cref="Weight"/>, up to <see cref="MaxHits"/> terms.
/// </summary>
internal sealed record TermGroup(
    int Index,
    string Name,
    LeadIntent? Intent,
    double Weight,
    int MaxHits,
    bool Negatable,
    int FirstTerm,
    int TermCount)
{
    public bool IsSpam => Intent is null;

    /// <summary>How the group reads in reasons: "spam/seo", "service/billing".</summary>
    public string Label { get; } = $"{(Intent is { } i ? WireNames.Of(i) : "spam")}/{Name}";
}
