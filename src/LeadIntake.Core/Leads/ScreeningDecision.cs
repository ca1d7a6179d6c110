namespace LeadIntake.Core.Leads;

/// <summary>What screening decided and why: the verdict is explainable to a human reading the lead.</summary>
public sealed record ScreeningDecision(
    LeadIntent Intent,
    double Confidence,
    double SpamScore,
    IReadOnlyList<string> Reasons,
    string RulesVersion)
{
    /// <summary>
    /// The kinds of <see cref="Reasons"/> (wire names of <c>ScreeningReasonCode</c>, each once): what people are shown,
    /// as short sentences in their language. Strings, so a code a newer version stored is skipped, never shown raw.
    /// Empty for leads screened before codes existed.
    /// </summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    /// <summary>The detected language of the message (<c>fr</c>, <c>en</c>), or null when there is no evidence.</summary>
    public string? Language { get; init; }

    /// <summary>A usable phone number (E.164): an MQL with one can be called back now and is prioritised.</summary>
    public bool HasPhone { get; init; }

    /// <summary>The version of the text model that took part, or null when the rules decided alone (no model loaded).</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The spam probability from the rule score and the model combined (null without a model).</summary>
    public double? SpamProbability { get; init; }
}
