namespace LeadIntake.Core.Screening;

/// <summary>
/// The <c>model</c> section of the rules file: how the rule score and the model's probabilities make one decision.
/// The spam log-odds are <c>ruleWeight × rule points + modelWeight × logit(P(spam)) + bias</c>; the lead is spam when
/// the resulting probability reaches <see cref="SpamThreshold"/>, and goes to review when it falls inside
/// <see cref="ReviewBand"/>. Intents come from the model, nudged by the intent rules' points × <see cref="IntentRuleWeight"/>.
/// </summary>
public sealed record ModelRulesDocument
{
    public double RuleWeight { get; init; } = 0.3;
    public double ModelWeight { get; init; } = 1.0;
    public double Bias { get; init; }
    public double SpamThreshold { get; init; } = 0.65;
    /// <summary>[low, high): a combined spam probability in this band is held for a person to review.</summary>
    public IReadOnlyList<double> ReviewBand { get; init; } = [0.3, 0.8];
    public double IntentRuleWeight { get; init; } = 0.6;
    /// <summary>Rule points from which the rules decide spam alone, whatever the model says (bursts, several bot signals).</summary>
    public double RulesDecideAt { get; init; } = 8.0;
    /// <summary>How many of the model's strongest features a decision's reasons name.</summary>
    public int ExplainTop { get; init; } = 4;
}
