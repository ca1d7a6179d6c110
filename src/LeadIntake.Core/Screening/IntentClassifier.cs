using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Commercial, service, hr or other from the rules' term groups. Each intent's score is the sum of its groups' points;
/// another intent wins only when it leads commercial by the rules' margin: a missed sale costs more than a misrouted
/// support request, so when unsure the lead stays commercial with low confidence, and the reasons say so.
/// </summary>
internal static class IntentClassifier
{
    private const int IntentCount = 4;

    public static IntentDecision Classify(CapturedLead captured, FoldedText message, ReadOnlySpan<bool> hits, ScreeningRules rules, List<ScreeningReason> reasons)
    {
        if (Structural(captured, message, reasons) is { } structural) return structural;

        Span<double> scores = stackalloc double[IntentCount];
        RuleScores(hits, rules, reasons, scores);

        double commercial = scores[(int)LeadIntent.Commercial];
        var best = LeadIntent.Commercial;
        double bestScore = 0;
        for (int i = 0; i < IntentCount; i++)
        {
            if (i == (int)LeadIntent.Commercial || scores[i] <= bestScore) continue;
            best = (LeadIntent)i;
            bestScore = scores[i];
        }

        if (bestScore == 0 && commercial == 0)
        {
            reasons.Add(new(ScreeningReasonCode.NoIntentWords, "commercial (low confidence): no intent vocabulary found; treated as a possible sale"));
            return new IntentDecision(LeadIntent.Commercial, 0.3);
        }
        if (bestScore >= commercial + rules.IntentMargin)
        {
            double runnerUp = 0;
            for (int i = 0; i < IntentCount; i++) if (i != (int)best) runnerUp = Math.Max(runnerUp, scores[i]);
            return new IntentDecision(best, Confidence(bestScore, runnerUp));
        }
        if (bestScore > 0 && bestScore >= commercial - rules.IntentMargin)
        {
            reasons.Add(new(ScreeningReasonCode.UnsureIntent, string.Create(CultureInfo.InvariantCulture,
                $"commercial (low confidence): unsure between commercial ({commercial:0.0}) and {WireNames.Of(best)} ({bestScore:0.0}); commercial is preferred when unsure")));
            return new IntentDecision(LeadIntent.Commercial, 0.4);
        }
        return new IntentDecision(LeadIntent.Commercial, Confidence(commercial, bestScore));
    }

    /// <summary>
    /// The structural cases decided before any vocabulary: an automatic reply is "other", a call without words is a
    /// possible sale. Null when the text has to be read.
    /// </summary>
    public static IntentDecision? Structural(CapturedLead captured, FoldedText message, List<ScreeningReason> reasons)
    {
        if (captured.Signals.AutoReply)
        {
            reasons.Add(new(ScreeningReasonCode.AutoReplyRecognised, "other: an automatic reply (out of office, bounce) recognised at capture"));
            return new IntentDecision(LeadIntent.Other, 0.9);
        }
        if (captured.Channel == Channel.Call && message.WordCount == 0)
        {
            reasons.Add(new(ScreeningReasonCode.CallWithoutMessage, "commercial (low confidence): a call without a message; policy is to call back"));
            return new IntentDecision(LeadIntent.Commercial, 0.3);
        }
        return null;
    }

    /// <summary>Each intent's points from the rules' term groups (commercial, service, hr, other), with a reason per group that matched.</summary>
    public static void RuleScores(ReadOnlySpan<bool> hits, ScreeningRules rules, List<ScreeningReason> reasons, Span<double> scores)
    {
        foreach (var group in rules.Groups)
        {
            if (group.Intent is not { } intent) continue;
            var (points, matched) = SpamScorer.GroupScore(group, hits, rules);
            if (points <= 0) continue;
            scores[(int)intent] += points;
            reasons.Add(new(WordsCode(intent), string.Create(CultureInfo.InvariantCulture, $"{WireNames.Of(intent)} +{points:0.0}: {group.Name} ({matched})")));
        }
    }

    private static ScreeningReasonCode WordsCode(LeadIntent intent) => intent switch
    {
        LeadIntent.Service => ScreeningReasonCode.ServiceWords,
        LeadIntent.Hr => ScreeningReasonCode.HrWords,
        LeadIntent.Other => ScreeningReasonCode.OtherWords,
        _ => ScreeningReasonCode.CommercialWords,
    };

    // 0.5 when the runner-up is as strong, towards 1 as the lead grows; never claims certainty from keywords.
    private static double Confidence(double best, double runnerUp) =>
        Math.Round(Math.Clamp(0.5 + 0.5 * (best - runnerUp) / (best + 2), 0.3, 0.95), 2);
}
