using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening.Model;

public class CombinedDecisionTests
{
    private const string Question = "Bonjour, pouvez-vous nous envoyer une proposition pour la surveillance de nos compresseurs ?";

    private static ScreeningContext With(double modelSpam, LeadIntent genuine = LeadIntent.Commercial) =>
        ScreeningContext.Default with { Model = TestModels.Constant(modelSpam, genuine) };

    [Fact]
    public void Rule_points_and_model_log_odds_add_up_to_one_spam_probability()
    {
        var settings = ScreeningRules.Default.Model;

        Assert.Equal(0.5, LeadScreener.CombinedSpamProbability(0, 0.5, settings with { Bias = 0 }), 6);
        Assert.True(LeadScreener.CombinedSpamProbability(3, 0.5, settings) > LeadScreener.CombinedSpamProbability(0, 0.5, settings));
        Assert.True(LeadScreener.CombinedSpamProbability(0, 0.9, settings) > LeadScreener.CombinedSpamProbability(0, 0.5, settings));
        Assert.Equal(1 / (1 + Math.Exp(-(settings.RuleWeight * 2 + Math.Log(0.2 / 0.8)))), LeadScreener.CombinedSpamProbability(2, 0.2, settings with { Bias = 0 }), 9);
    }

    [Fact]
    public void Screen_quarantines_a_lead_the_model_is_sure_is_spam()
    {
        var outcome = Screen(Form(Question), With(0.99));

        Assert.Equal(LeadTrigger.Quarantine, outcome.Trigger);
        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Equal("test-model", outcome.Decision.ModelVersion);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("combined P(spam) 0.99", StringComparison.Ordinal) && r.EndsWith(": spam", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_lets_a_sure_model_outvote_one_weak_rule_signal()
    {
        // A link to another site adds rule points but is no proof of spam.
        var outcome = Screen(Form(Question + " Notre site : https://autre-site.example/parc"), With(0.01));

        Assert.True(outcome.Decision.SpamScore > 0);
        Assert.Equal(LeadTrigger.MarkMql, outcome.Trigger);
    }

    [Fact]
    public void Screen_holds_a_lead_for_review_when_the_spam_probability_falls_in_the_band()
    {
        var outcome = Screen(Form(Question), With(0.5));

        Assert.Equal(LeadTrigger.HoldForReview, outcome.Trigger);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("review band", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Decision.Reasons, r => r.StartsWith("MQL with a phone number", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_routes_a_genuine_lead_by_the_models_intent()
    {
        var outcome = Screen(Form(Question), With(0.01, LeadIntent.Service));

        Assert.Equal(LeadTrigger.RouteToService, outcome.Trigger);
        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_lets_the_honeypot_and_a_fast_submit_decide_alone_whatever_the_model_says()
    {
        var honeypot = Screen(Form(Question, honeypot: true), With(0.001));
        var fast = Screen(Form(Question, elapsedSeconds: 0.8), With(0.001));

        Assert.Equal(LeadTrigger.Quarantine, honeypot.Trigger);
        Assert.Equal(LeadTrigger.Quarantine, fast.Trigger);
        Assert.Contains(fast.Decision.Reasons, r => r.Contains("the rules decide alone", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_lets_a_burst_of_submissions_decide_alone_whatever_the_model_says()
    {
        var context = With(0.001) with { RecentSubmissionsFromContact = 11, RecentSubmissionsFromClient = 11 };

        var outcome = Screen(Form(Question), context);

        Assert.Equal(LeadTrigger.Quarantine, outcome.Trigger);
        Assert.True(outcome.Decision.SpamScore >= ScreeningRules.Default.Model.RulesDecideAt);
    }

    [Fact]
    public void An_operator_who_raises_the_threshold_above_the_honeypot_makes_it_ordinary_evidence()
    {
        var document = ScreeningRules.Default.Document;
        var lenient = ScreeningRules.Parse(System.Text.Json.JsonSerializer.Serialize(document with { Spam = document.Spam with { Threshold = 50 } }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));

        var outcome = Screen(Form(Question, honeypot: true), With(0.001) with { Rules = lenient });

        Assert.NotEqual(LeadTrigger.Quarantine, outcome.Trigger);
    }

    [Fact]
    public void Screen_never_quarantines_nor_holds_an_allow_listed_sender_whatever_the_model_says()
    {
        var context = With(0.999) with { AllowList = AddressList.From(["@chaudronnerie-alpes.example"]) };

        var outcome = Screen(Form(Question), context);

        Assert.Equal(LeadTrigger.MarkMql, outcome.Trigger);
    }

    [Fact]
    public void Screen_quarantines_a_block_listed_sender_whatever_the_model_says()
    {
        var context = With(0.001) with { BlockList = AddressList.From(["j.moreau@chaudronnerie-alpes.example"]) };

        Assert.Equal(LeadTrigger.Quarantine, Screen(Form(Question), context).Trigger);
    }

    [Fact]
    public void A_lead_released_by_an_admin_is_neither_quarantined_nor_held_again()
    {
        var lead = Lead.Capture(Form(Question), LeadId.New(Now), Now).Lead with { ReleasedFromQuarantine = true };

        var outcome = LeadScreener.Screen(lead, With(0.5), Now);

        Assert.Equal(LeadTrigger.MarkMql, outcome.Trigger);
    }

    [Fact]
    public void Screen_decides_with_the_rules_alone_when_no_model_is_loaded()
    {
        var outcome = Screen(Form(Question), RulesOnly);

        Assert.Null(outcome.Decision.ModelVersion);
        Assert.Null(outcome.Decision.SpamProbability);
        Assert.DoesNotContain(outcome.Decision.Reasons, r => r.StartsWith("model ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_file_rejects_a_review_band_that_is_not_low_then_high()
    {
        var json = """{ "version": "x", "model": { "reviewBand": [0.8, 0.3] } }""";

        var error = Assert.Throws<FormatException>(() => ScreeningRules.Parse(json));
        Assert.Contains("reviewBand", error.Message, StringComparison.Ordinal);
    }
}
