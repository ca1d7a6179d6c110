using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The screening decider: spam verdict, contact normalisation and intent for one captured lead. Pure: the rules, lists,
/// model, burst counts and clock come from the caller, and the result is data (trigger, decision with reasons, contact).
/// The rules score the submission (honeypot, timing, links, contacts, bursts, lists, vocabulary); the model reads the
/// text; one combined spam probability decides, with a review band where neither is sure (docs/screening.md).
/// </summary>
public static class LeadScreener
{
    [ThreadStatic] private static FeatureVector? s_features;

    /// <summary>The version of the shipped rules file; each decision records the version of the rules it used.</summary>
    public static string RulesVersion => ScreeningRules.Default.Version;

    /// <summary>The version of the shipped model, or null when none is embedded.</summary>
    public static string? ModelVersion => ScreeningModel.Default?.Version;

    public static ScreeningOutcome Screen(Lead lead, ScreeningContext context, DateTimeOffset now)
    {
        // The verdict depends on what was captured, never on when screening runs (a retry must decide the same).
        _ = now;
        var rules = context.Rules;
        var captured = lead.Captured;
        var reasons = new List<ScreeningReason>(12);
        var contact = ContactNormaliser.Normalise(captured.Contact, context.DefaultPhoneRegion, context.DisposableDomains);

        using var message = FoldedText.Build(captured.Subject, captured.Message);
        using var names = FoldedText.Build(captured.Contact.FirstName, captured.Contact.LastName, captured.Contact.FullName);
        Span<bool> hits = rules.TermCount <= 2048 ? stackalloc bool[rules.TermCount] : new bool[rules.TermCount];
        rules.Matcher.Match(message, hits, spamOnly: false);
        rules.Matcher.Match(names, hits, spamOnly: true);

        var spam = SpamScorer.Score(captured, contact, message, names, hits, context, reasons);
        var language = LanguageDetector.Detect(message, rules, contact.Contact.Country);
        bool hasPhone = contact.Contact.Phone is { Length: > 1 } phone && phone[0] == '+' && !contact.PhoneImpossible;

        var model = context.Model;
        var input = new ModelInput(captured.Channel, message, names, contact.EmailDomain);
        Span<double> p = stackalloc double[ScreeningModel.ClassCount];
        FeatureVector? features = null;
        if (model is not null)
        {
            features = s_features ??= new FeatureVector();
            model.Extract(input, features);
            model.Predict(features, p);
        }

        var settings = rules.Model;
        double? spamProbability = model is null ? null : CombinedSpamProbability(spam.Score, p[(int)LeadIntent.Spam], settings);
        bool isSpam;
        bool review = false;
        if (spam.Allowed) isSpam = false;
        else if (spam.Hard) isSpam = true;
        // An automatic reply recognised at capture is "other" (out of office, bounce), not for the model to call spam.
        else if (captured.Signals.AutoReply) isSpam = spam.IsSpam;
        else if (spamProbability is { } combined)
        {
            isSpam = combined >= settings.SpamThreshold;
            review = combined >= settings.ReviewBand[0] && combined < settings.ReviewBand[1];
        }
        else isSpam = spam.IsSpam;

        bool released = (isSpam || review) && lead.ReleasedFromQuarantine;
        if (released)
        {
            reasons.Add(new(ScreeningReasonCode.ReleasedByAdmin, "released from quarantine by an admin: spam verdict not applied"));
            (isSpam, review) = (false, false);
        }

        LeadIntent intent;
        double confidence;
        if (isSpam)
        {
            intent = LeadIntent.Spam;
            confidence = spamProbability is { } sp && !spam.Hard ? Math.Round(sp, 2) : spam.Confidence;
        }
        else if (IntentClassifier.Structural(captured, message, reasons) is { } structural)
        {
            (intent, confidence) = (structural.Intent, structural.Confidence);
        }
        else if (model is not null)
        {
            (intent, confidence) = ModelIntent(p, hits, rules, reasons);
        }
        else
        {
            var decided = IntentClassifier.Classify(captured, message, hits, rules, reasons);
            (intent, confidence) = (decided.Intent, decided.Confidence);
        }

        if (model is not null)
        {
            var top = model.Explain(input, features!, intent, settings.ExplainTop);
            reasons.Add(new(ScreeningReasonCode.ModelVerdict, string.Create(CultureInfo.InvariantCulture,
                $"model {model.Version}: {WireNames.Of(intent)} {p[(int)intent]:0.00}{(top.Count > 0 ? $" ({string.Join(", ", top)})" : "")}")));
            reasons.Add(new(ScreeningReasonCode.SpamCombination, CombinationReason(spam, spamProbability!.Value, p[(int)LeadIntent.Spam], settings, isSpam, review, released)));
        }
        if (intent == LeadIntent.Commercial && hasPhone && !review) reasons.Add(new(ScreeningReasonCode.PhoneNumber, "MQL with a phone number: can be called back now"));
        if (contact.CompanyInferred) reasons.Add(new(ScreeningReasonCode.CompanyInferred, "company inferred from the corporate email domain"));

        var decision = new ScreeningDecision(intent, confidence, Math.Round(spam.Score, 2), reasons.Select(r => r.Text).ToList(), rules.Version)
        {
            ReasonCodes = reasons.Select(r => WireNames.Of(r.Code)).Distinct().ToList(),
            Language = language,
            HasPhone = hasPhone,
            ModelVersion = model?.Version,
            SpamProbability = spamProbability is { } value ? Math.Round(value, 3) : null,
        };
        return new ScreeningOutcome(review ? LeadTrigger.HoldForReview : TriggerFor(intent), decision) { Contact = contact.Contact };
    }

    public static LeadTrigger TriggerFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Spam => LeadTrigger.Quarantine,
        LeadIntent.Service => LeadTrigger.RouteToService,
        LeadIntent.Hr => LeadTrigger.RouteToHr,
        LeadIntent.Other => LeadTrigger.RouteToOther,
        _ => LeadTrigger.MarkMql,
    };

    /// <summary>
    /// One spam probability from the rule points and the model's P(spam): the log-odds add up,
    /// <c>ruleWeight × points + modelWeight × logit(P) + bias</c>. Rule points can outvote an unsure model and a sure
    /// model can outvote weak rule evidence (one link, a free-mail address), never the hard rules.
    /// </summary>
    internal static double CombinedSpamProbability(double rulePoints, double modelSpam, ModelRulesDocument settings)
    {
        double clamped = Math.Clamp(modelSpam, 1e-6, 1 - 1e-6);
        double z = settings.RuleWeight * rulePoints + settings.ModelWeight * Math.Log(clamped / (1 - clamped)) + settings.Bias;
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The intent among commercial, service, hr and other: the model's log-probability plus the intent rules' points ×
    /// <c>intentRuleWeight</c>, so a clear rule tips an unsure model and a sure model overrides a stray keyword.
    /// </summary>
    private static (LeadIntent Intent, double Confidence) ModelIntent(ReadOnlySpan<double> p, ReadOnlySpan<bool> hits, ScreeningRules rules, List<ScreeningReason> reasons)
    {
        Span<double> ruleScores = stackalloc double[4];
        IntentClassifier.RuleScores(hits, rules, reasons, ruleScores);
        double genuine = 0;
        for (int c = 0; c < 4; c++) genuine += p[c];
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < 4; c++)
        {
            double score = Math.Log(Math.Max(p[c], 1e-9)) + rules.Model.IntentRuleWeight * ruleScores[c];
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return ((LeadIntent)best, Math.Round(genuine > 0 ? p[best] / genuine : 0, 2));
    }

    private static string CombinationReason(SpamVerdict spam, double combined, double modelSpam, ModelRulesDocument settings, bool isSpam, bool review, bool released)
    {
        var inv = CultureInfo.InvariantCulture;
        string parts = string.Create(inv, $"rules {spam.Score:0.0} points, model P(spam) {modelSpam:0.00}: combined P(spam) {combined:0.00}");
        if (spam.Allowed) return $"{parts}; the allow-list decides";
        if (spam.Hard) return $"{parts}; the rules decide alone: spam";
        if (released) return $"{parts}; released by an admin";
        if (review)
        {
            return string.Create(inv, $"{parts} in the review band [{settings.ReviewBand[0]:0.00}, {settings.ReviewBand[1]:0.00}): held for review, best guess {(isSpam ? "spam" : "genuine")}");
        }
        return isSpam
            ? string.Create(inv, $"{parts} ≥ {settings.SpamThreshold:0.00}: spam")
            : string.Create(inv, $"{parts} < {settings.SpamThreshold:0.00}: genuine");
    }
}
