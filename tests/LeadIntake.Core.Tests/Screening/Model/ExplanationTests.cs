using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening.Model;

public class ExplanationTests
{
    [Fact]
    public void A_decision_names_the_models_strongest_words_for_the_chosen_class_with_the_model_version()
    {
        var model = TestModels.Words(("backlinks", LeadIntent.Spam, 30), ("seo", LeadIntent.Spam, 20), ("hello", LeadIntent.Commercial, 1));
        var context = ScreeningContext.Default with { Model = model };

        var outcome = Screen(Form("Hello, we sell SEO backlinks for your site"), context);

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        var reason = Assert.Single(outcome.Decision.Reasons, r => r.StartsWith("model test-model: spam", StringComparison.Ordinal));
        Assert.Contains("(backlinks, seo", reason, StringComparison.Ordinal);
        Assert.Equal("test-model", outcome.Decision.ModelVersion);
        Assert.Equal(ScreeningRules.Default.Version, outcome.Decision.RulesVersion);
    }

    [Fact]
    public void A_decision_lists_the_rules_that_fired_beside_the_model()
    {
        var context = ScreeningContext.Default with { Model = TestModels.Constant(0.2) };

        var outcome = Screen(Form("Voir https://promo.example et https://promo2.example"), context);

        Assert.Contains(outcome.Decision.Reasons, r => r.StartsWith("spam +", StringComparison.Ordinal) && r.Contains("links", StringComparison.Ordinal));
        Assert.Contains(outcome.Decision.Reasons, r => r.StartsWith("rules ", StringComparison.Ordinal) && r.Contains("model P(spam) 0.20", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_model_explains_its_decisions_too()
    {
        var outcome = Screen(Form("Bonjour, pouvez-vous nous envoyer un devis pour vingt capteurs ?"), ScreeningContext.Default);

        Assert.NotNull(ScreeningContext.Default.Model);
        Assert.Contains(outcome.Decision.Reasons, r => r.StartsWith($"model {ScreeningContext.Default.Model!.Version}: ", StringComparison.Ordinal) && r.Contains('(', StringComparison.Ordinal));
    }
}
