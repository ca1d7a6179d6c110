using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The layered spam verdict. Each signal adds points with a reason a human can check; the lead is spam when the sum
/// reaches the rules' threshold. No single weak signal (one link, a short message, a free-mail address) is enough
/// on its own: only bot evidence is (the honeypot, a submit faster than a human, text mostly in another script) and the
/// operator's block-list.
/// </summary>
internal static class SpamScorer
{
    public static SpamVerdict Score(
        CapturedLead captured,
        NormalisedContact contact,
        FoldedText message,
        FoldedText names,
        ReadOnlySpan<bool> hits,
        ScreeningContext context,
        List<ScreeningReason> reasons)
    {
        var rules = context.Rules;
        var w = rules.Signals;
        double score = 0;

        void Add(double points, ScreeningReasonCode code, string why)
        {
            if (points <= 0) return;
            score += points;
            reasons.Add(new(code, string.Create(CultureInfo.InvariantCulture, $"spam +{points:0.0}: {why}")));
        }

        var signals = captured.Signals;
        // Bot evidence decides alone, whatever the text says, when its points reach the threshold by themselves (an
        // operator who raises the threshold above them makes them ordinary evidence again).
        bool hard = (signals.HoneypotFilled && w.HoneypotFilled >= rules.Threshold) || (signals.CaptchaPassed == false && w.CaptchaFailed >= rules.Threshold);
        if (signals.HoneypotFilled) Add(w.HoneypotFilled, ScreeningReasonCode.HoneypotFilled, "the hidden honeypot field was filled (humans never see it)");
        if (signals.CaptchaPassed == false) Add(w.CaptchaFailed, ScreeningReasonCode.CaptchaFailed, "the CAPTCHA check failed");
        if (signals.TimeToSubmit is { } elapsed)
        {
            double ms = elapsed.TotalMilliseconds;
            hard |= ms < w.TooFastUnderMs && w.TooFast >= rules.Threshold;
            if (ms < w.TooFastUnderMs) Add(w.TooFast, ScreeningReasonCode.SubmittedTooFast, string.Create(CultureInfo.InvariantCulture, $"submitted {ms:0} ms after the form loaded: faster than a human can type"));
            else if (ms < w.HurriedUnderMs) Add(w.Hurried, ScreeningReasonCode.SubmittedHurried, string.Create(CultureInfo.InvariantCulture, $"submitted only {ms / 1000:0.0} s after the form loaded"));
        }
        if (signals.ProviderSpamScore is { } provider && provider >= w.ProviderScoreFrom)
        {
            double points = Math.Min(w.ProviderScoreCap, w.ProviderScore + (provider - w.ProviderScoreFrom) * w.ProviderScorePerPoint);
            Add(points, ScreeningReasonCode.ProviderSpamScore, string.Create(CultureInfo.InvariantCulture, $"the mail provider rated it {provider:0.0} on its spam scale"));
        }
        if (signals.AutoReply) Add(w.AutoReply, ScreeningReasonCode.AutoReply, "an automatic reply or bounce");

        ScoreLinks(message, contact.EmailDomain, w, Add, reasons);

        if (context.DisposableDomains.Contains(contact.EmailDomain)) Add(w.DisposableEmail, ScreeningReasonCode.DisposableEmail, $"the email domain {contact.EmailDomain} is a disposable mailbox provider");
        if (contact.EmailInvalid) Add(w.InvalidEmail, ScreeningReasonCode.InvalidEmail, "the email address is not valid");
        if (contact.PhoneImpossible) Add(w.ImpossiblePhone, ScreeningReasonCode.ImpossiblePhone, "the phone number can't be a real number");

        ScoreNames(captured.Contact, names, w, Add);
        var (gibberish, words) = GibberishDetector.Count(message);
        if (gibberish >= 2 && gibberish * 10 >= words * 3) Add(w.GibberishMessage, ScreeningReasonCode.GibberishMessage, $"{gibberish} of {words} words in the message look like random typing");

        int letters = message.LatinLetters + message.ForeignLetters + names.LatinLetters + names.ForeignLetters;
        int foreign = message.ForeignLetters + names.ForeignLetters;
        if (foreign >= 4 && foreign >= letters * w.ForeignScriptRatio)
        {
            Add(w.ForeignScript, ScreeningReasonCode.ForeignScript, $"mostly {message.ForeignScript ?? names.ForeignScript} script on a French/English site");
        }
        ScoreLanguage(message, context, w, Add);
        if (message.ShoutedWords >= 3 && message.ShoutedWords * 5 >= message.WordCount) Add(w.Shouting, ScreeningReasonCode.Shouting, "many words in capitals");
        if (message.ExclamationRuns > 0) Add(w.Exclamations, ScreeningReasonCode.Exclamations, "runs of exclamation marks");

        foreach (var group in rules.Groups)
        {
            if (!group.IsSpam) continue;
            var (points, matched) = GroupScore(group, hits, rules);
            if (points > 0) Add(points, ScreeningReasonCode.SpamVocabulary, $"{group.Name} vocabulary ({matched})");
        }

        Add(BurstPoints(rules.Document.Spam.ContactBursts, context.RecentSubmissionsFromContact), ScreeningReasonCode.RepeatedFromContact, $"{context.RecentSubmissionsFromContact} other recent submissions from the same contact");
        Add(BurstPoints(rules.Document.Spam.ClientBursts, context.RecentSubmissionsFromClient), ScreeningReasonCode.RepeatedFromClient, $"{context.RecentSubmissionsFromClient} other recent submissions from the same client address");

        var email = captured.Contact.Email is null ? null : contact.Contact.Email;
        var allowed = context.AllowList.Match(email, contact.EmailDomain);
        var blocked = context.BlockList.Match(email, contact.EmailDomain);
        if (allowed is not null)
        {
            reasons.Add(new(ScreeningReasonCode.AllowListed, $"allow-listed ({allowed}): never spam"));
            return new SpamVerdict(score, false, 0) { Allowed = true };
        }
        if (blocked is not null)
        {
            Add(rules.Threshold, ScreeningReasonCode.BlockListed, $"block-listed ({blocked})");
            hard = true;
        }

        // So much rule evidence (a burst of submissions, several bot signals together) that no text can outweigh it.
        hard |= score >= rules.Model.RulesDecideAt;
        bool spam = score >= rules.Threshold;
        double confidence = spam ? Math.Clamp(0.5 + score / (4 * rules.Threshold), 0.5, 0.99) : 0;
        return new SpamVerdict(score, spam, confidence) { Hard = hard };
    }

    /// <summary>
    /// A message of enough words with few function words of a served language is written in a language nobody here
    /// reads, Latin script or not; a lexicon of another language winning clearly says the same on shorter evidence.
    /// </summary>
    private static void ScoreLanguage(FoldedText message, ScreeningContext context, SpamSignalWeights w, Action<double, ScreeningReasonCode, string> add)
    {
        var rules = context.Rules;
        var language = rules.Document.Language;
        long served = context.ServedLanguageMask ?? rules.ServedMask;
        int words = 0, servedWords = 0, otherWords = 0;
        long otherLanguages = 0;
        for (int i = 0; i < message.WordCount; i++)
        {
            // Single letters (the m of I'm, the l' of l'offre) are too ambiguous to tell a language.
            if (message.Word(i).Length < 2) continue;
            words++;
            if (!rules.LanguageWordsLookup.TryGetValue(message.Word(i), out var mask)) continue;
            if ((mask & served) != 0) servedWords++;
            else
            {
                otherWords++;
                otherLanguages |= mask;
            }
        }
        if (words < language.UnservedMinWords) return;
        double share = (double)servedWords / words;
        bool unserved = share < language.ServedShareBelow || (otherWords >= 3 && otherWords > 2 * servedWords);
        if (!unserved) return;
        string others = otherWords == 0 ? "" : $", {otherWords} of another ({Names(otherLanguages, rules)})";
        add(w.UnservedLanguage, ScreeningReasonCode.UnservedLanguage, string.Create(CultureInfo.InvariantCulture,
            $"not written in a served language ({Names(served, rules)}): {servedWords} of {words} words are their function words{others}"));
    }

    private static string Names(long mask, ScreeningRules rules)
    {
        var names = new List<string>();
        for (int i = 0; i < rules.Languages.Count; i++) if ((mask & (1L << i)) != 0) names.Add(rules.Languages[i]);
        return string.Join("/", names);
    }

    /// <summary>Points and the matched terms of one group: weight per distinct term, up to the group's max.</summary>
    public static (double Points, string Matched) GroupScore(TermGroup group, ReadOnlySpan<bool> hits, ScreeningRules rules)
    {
        int count = 0;
        string? matched = null;
        for (int t = group.FirstTerm; t < group.FirstTerm + group.TermCount; t++)
        {
            if (!hits[t]) continue;
            count++;
            if (count <= group.MaxHits)
            {
                var display = rules.Matcher.Terms[t].Display;
                matched = matched is null ? display : $"{matched}, {display}";
            }
        }
        return count == 0 ? (0, "") : (group.Weight * Math.Min(count, group.MaxHits), matched!);
    }

    private static void ScoreLinks(FoldedText message, string? senderDomain, SpamSignalWeights w, Action<double, ScreeningReasonCode, string> add, List<ScreeningReason> reasons)
    {
        int links = message.LinkCount;
        if (links == 0) return;
        if (links == 1 && IsOwnSite(message.LinkHosts![0], senderDomain))
        {
            reasons.Add(new(ScreeningReasonCode.OwnSiteLink, "one link, to the sender's own site: not a spam signal"));
            return;
        }
        double points = 0;
        for (int i = 0; i < links; i++) points += i switch { 0 => w.FirstLink, 1 => w.SecondLink, _ => w.FurtherLink };
        add(Math.Min(points, w.LinksCap), ScreeningReasonCode.Links, links == 1 ? "a link to another site" : $"{links} links");
        int total = message.VisibleCharacters + message.LinkCharacters;
        if (total > 0 && message.LinkCharacters >= total * w.LinkDensityRatio) add(w.LinkDensity, ScreeningReasonCode.MostlyLinks, "the message is mostly links");
    }

    private static bool IsOwnSite(string host, string? senderDomain) =>
        senderDomain is not null
        && (host == senderDomain
            || host.EndsWith("." + senderDomain, StringComparison.Ordinal)
            || senderDomain.EndsWith("." + host, StringComparison.Ordinal));

    private static void ScoreNames(Contact raw, FoldedText names, SpamSignalWeights w, Action<double, ScreeningReasonCode, string> add)
    {
        for (int i = 0; i < names.WordCount; i++)
        {
            if (GibberishDetector.IsGibberishWord(names.Word(i)))
            {
                add(w.GibberishName, ScreeningReasonCode.GibberishName, "the name looks like random typing");
                break;
            }
        }
        if (LooksLikeHandle(raw.FirstName) || LooksLikeHandle(raw.LastName) || LooksLikeHandle(raw.FullName))
        {
            add(w.NameLooksLikeHandle, ScreeningReasonCode.NameLooksLikeHandle, "the name looks like a user handle, not a person");
        }
    }

    private static bool LooksLikeHandle(string? name)
    {
        if (name is null) return false;
        foreach (char c in name)
        {
            if (char.IsAsciiDigit(c) || c is '_' or '@' or '/' or ':') return true;
        }
        return false;
    }

    private static double BurstPoints(IReadOnlyList<BurstStep> steps, int count)
    {
        double points = 0;
        foreach (var step in steps)
        {
            if (count >= step.AtLeast) points = Math.Max(points, step.Weight);
        }
        return points;
    }
}
