using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The screening decider: spam verdict, contact normalisation and intent for one captured lead. Pure: the rules, lists,
/// burst counts and clock come from the caller, and the result is data (trigger, decision with reasons, contact).
/// </summary>
public static class LeadScreener
{
    /// <summary>The version of the shipped rules file; each decision records the version of the rules it used.</summary>
    public static string RulesVersion => ScreeningRules.Default.Version;

    public static ScreeningOutcome Screen(Lead lead, ScreeningContext context, DateTimeOffset now)
    {
        // The verdict depends on what was captured, never on when screening runs (a retry must decide the same).
        _ = now;
        var rules = context.Rules;
        var captured = lead.Captured;
        var reasons = new List<string>(8);
        var contact = ContactNormaliser.Normalise(captured.Contact, context.DefaultPhoneRegion, context.DisposableDomains);

        using var message = FoldedText.Build(captured.Subject, captured.Message);
        using var names = FoldedText.Build(captured.Contact.FirstName, captured.Contact.LastName, captured.Contact.FullName);
        Span<bool> hits = rules.TermCount <= 2048 ? stackalloc bool[rules.TermCount] : new bool[rules.TermCount];
        rules.Matcher.Match(message, hits, spamOnly: false);
        rules.Matcher.Match(names, hits, spamOnly: true);

        var spam = SpamScorer.Score(captured, contact, message, names, hits, context, reasons);
        var language = LanguageDetector.Detect(message, rules, contact.Contact.Country);
        bool hasPhone = contact.Contact.Phone is { Length: > 1 } phone && phone[0] == '+' && !contact.PhoneImpossible;

        LeadIntent intent;
        double confidence;
        bool released = spam.IsSpam && lead.ReleasedFromQuarantine;
        if (released) reasons.Add("released from quarantine by an admin: spam verdict not applied");
        if (spam.IsSpam && !released)
        {
            intent = LeadIntent.Spam;
            confidence = spam.Confidence;
        }
        else
        {
            var decided = IntentClassifier.Classify(captured, message, hits, rules, reasons);
            (intent, confidence) = (decided.Intent, decided.Confidence);
            if (intent == LeadIntent.Commercial && hasPhone) reasons.Add("MQL with a phone number: can be called back now");
        }
        if (contact.CompanyInferred) reasons.Add("company inferred from the corporate email domain");

        var decision = new ScreeningDecision(intent, confidence, Math.Round(spam.Score, 2), reasons, rules.Version)
        {
            Language = language,
            HasPhone = hasPhone,
        };
        return new ScreeningOutcome(TriggerFor(intent), decision) { Contact = contact.Contact };
    }

    public static LeadTrigger TriggerFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Spam => LeadTrigger.Quarantine,
        LeadIntent.Service => LeadTrigger.RouteToService,
        LeadIntent.Hr => LeadTrigger.RouteToHr,
        LeadIntent.Other => LeadTrigger.RouteToOther,
        _ => LeadTrigger.MarkMql,
    };
}
