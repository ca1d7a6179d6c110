using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening.Model;

public class ServedLanguageTests
{
    private const string Signal = "not written in a served language";

    [Theory]
    [InlineData("Bon dia, volia saber el preu del vostre servei de manteniment per a la nostra empresa, gràcies")] // Catalan
    [InlineData("Aloha, makemake wau e ʻike i ke kumukūʻai o kāu mau lako no kā mākou hale kūʻai")] // Hawaiian
    [InlineData("Ndewo, achọrọ m ịmata ọnụahịa ngwaahịa unu maka ụlọ ọrụ anyị n'obodo Enugu")] // Igbo
    [InlineData("Hallo, ich wollte nur wissen, wie hoch der Preis für Ihre Sensoren ist, danke")] // German
    public void Screen_flags_a_message_written_in_a_language_the_business_does_not_serve(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains(Signal, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Bonjour, nous avons 12 presses à surveiller. Pouvez-vous nous faire une proposition chiffrée ?")]
    [InlineData("Hello, we are reviewing options for monitoring our plant rooms. Could someone walk us through a demo?")]
    [InlineData("slt jvoudrais 1 devis pr 12 capteurs svp c urgent merci")]
    public void Screen_does_not_flag_French_or_English(string message)
    {
        var outcome = Screen(Form(message));

        Assert.DoesNotContain(outcome.Decision.Reasons, r => r.Contains(Signal, StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_does_not_judge_the_language_of_a_few_words()
    {
        var outcome = Screen(Form("Preu? Gràcies"));

        Assert.DoesNotContain(outcome.Decision.Reasons, r => r.Contains(Signal, StringComparison.Ordinal));
    }

    [Fact]
    public void The_served_languages_are_a_setting()
    {
        const string english = "Hello, we are reviewing options for monitoring our plant rooms. Could someone walk us through a demo?";
        var frenchOnly = RulesOnly with { ServedLanguageMask = ScreeningRules.Default.MaskOf(["fr"]) };

        var outcome = Screen(Form(english), frenchOnly);

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains($"{Signal} (fr)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_served_language_without_function_words_in_the_rules_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => ScreeningRules.Default.MaskOf(["fr", "xx"]));

        Assert.Contains("'xx'", error.Message, StringComparison.Ordinal);
    }
}
