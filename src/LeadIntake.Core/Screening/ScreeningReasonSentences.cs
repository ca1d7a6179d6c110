using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Screening's reasons as people read them in a mail: one short sentence per reason kind, in the reader's language.
/// The stored texts (scores, matched words, thresholds) stay in the audit trail. A code this version does not know is
/// left out, never shown raw; so are the kinds that only explain the arithmetic (the model's and the combined scores).
/// Pure.
/// </summary>
public static class ScreeningReasonSentences
{
    private static readonly HashSet<ScreeningReasonCode> AuditOnly = [ScreeningReasonCode.ModelVerdict, ScreeningReasonCode.SpamCombination];

    public static IReadOnlyList<string> Of(ScreeningDecision? decision, RepTexts t)
    {
        if (decision is null) return [];
        var sentences = new List<string>(decision.ReasonCodes.Count);
        foreach (var code in decision.ReasonCodes)
        {
            if (!WireNames.TryParse<ScreeningReasonCode>(code, out var known) || AuditOnly.Contains(known)) continue;
            var sentence = t.Of(known);
            if (!sentences.Contains(sentence, StringComparer.Ordinal)) sentences.Add(sentence);
        }
        return sentences;
    }
}
