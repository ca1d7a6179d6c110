using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public sealed class ScreeningReasonCodeTests
{
    public static TheoryData<ScreeningReasonCode> Codes() => new(Enum.GetValues<ScreeningReasonCode>());

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_reason_code_has_a_short_sentence_in_english_and_in_french(ScreeningReasonCode code)
    {
        var english = RepTexts.English.Of(code);
        var french = RepTexts.French.Of(code);
        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.False(string.IsNullOrWhiteSpace(french));
        Assert.NotEqual(english, french);
        Assert.True(english.Length <= 60 && french.Length <= 60, $"{code}: a reason shown to people is one short line.");
    }

    [Fact]
    public void Screening_stores_a_code_beside_each_reason_text_and_keeps_the_text_for_the_audit_trail()
    {
        var decision = Screen(Form("Bonjour, pouvez-vous m'envoyer un devis et vos prix ?", phone: "+33329551240", elapsedSeconds: 0.4)).Decision;

        Assert.Contains(WireNames.Of(ScreeningReasonCode.SubmittedTooFast), decision.ReasonCodes);
        Assert.Contains(decision.Reasons, r => r.Contains("ms after the form loaded", StringComparison.Ordinal));
        Assert.Equal(decision.ReasonCodes.Count, decision.ReasonCodes.Distinct().Count());
    }

    [Fact]
    public void A_phone_and_buying_words_read_as_sentences_in_french_without_scores()
    {
        var decision = Screen(Form("Bonjour, pouvez-vous m'envoyer un devis et vos prix ?", phone: "+33329551240")).Decision;

        var sentences = ScreeningReasonSentences.Of(decision, RepTexts.French);

        Assert.Contains("Numéro de téléphone fourni", sentences);
        Assert.Contains("Demande d'achat (devis, prix, démo…)", sentences);
        Assert.DoesNotContain(sentences, s => s.Contains('+', StringComparison.Ordinal) || s.Contains("spam", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_code_is_left_out_never_shown_raw()
    {
        var decision = new ScreeningDecision(LeadIntent.Commercial, 0.9, 0, ["x"], "v1")
        {
            ReasonCodes = ["from_a_newer_version", WireNames.Of(ScreeningReasonCode.PhoneNumber)],
        };

        Assert.Equal(["Phone number given"], ScreeningReasonSentences.Of(decision, RepTexts.English));
    }

    [Fact]
    public void The_arithmetic_of_the_model_stays_in_the_audit_trail()
    {
        var decision = new ScreeningDecision(LeadIntent.Commercial, 0.9, 0, ["model v3: commercial 0.91", "rules 0.0 points"], "v1")
        {
            ReasonCodes = [WireNames.Of(ScreeningReasonCode.ModelVerdict), WireNames.Of(ScreeningReasonCode.SpamCombination)],
        };

        Assert.Empty(ScreeningReasonSentences.Of(decision, RepTexts.English));
    }
}
