using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public class NormalisationTests
{
    private const string Question = "Could you send us a price for 20 sensors?";

    [Fact]
    public void Screen_trims_the_email_and_lower_cases_only_its_domain()
    {
        var outcome = Screen(Form(Question, email: "  Julie.Moreau@Chaudronnerie-ALPES.Example "));

        Assert.Equal("Julie.Moreau@chaudronnerie-alpes.example", outcome.Contact!.Email);
    }

    [Fact]
    public void Screen_formats_the_phone_in_e164_with_the_leads_country()
    {
        var outcome = Screen(Form(Question, phone: "020 7946 0018", country: "GB"));

        Assert.Equal("+442079460018", outcome.Contact!.Phone);
        Assert.True(outcome.Decision.HasPhone);
    }

    [Fact]
    public void Screen_uses_the_configured_region_when_the_lead_has_no_country()
    {
        var outcome = Screen(Form(Question, phone: "04 72 55 10 20", country: null), RulesOnly with { DefaultPhoneRegion = "FR" });

        Assert.Equal("+33472551020", outcome.Contact!.Phone);
    }

    [Fact]
    public void Screen_flags_an_mql_with_a_phone_number()
    {
        var outcome = Screen(Form(Question, phone: "06 12 34 56 78"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.True(outcome.Decision.HasPhone);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("MQL with a phone number", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_cleans_names_of_extra_spaces_and_shouting()
    {
        var outcome = Screen(Form(Question, firstName: "  jean   PIERRE ", lastName: "DE LA   FONTAINE"));

        Assert.Equal("Jean Pierre", outcome.Contact!.FirstName);
        Assert.Equal("De La Fontaine", outcome.Contact.LastName);
    }

    [Fact]
    public void Screen_keeps_names_already_in_mixed_case()
    {
        var outcome = Screen(Form(Question, firstName: "Fiona", lastName: "McAllister"));

        Assert.Equal("McAllister", outcome.Contact!.LastName);
    }

    [Fact]
    public void Screen_infers_the_company_from_a_corporate_email_domain()
    {
        var outcome = Screen(Form(Question, email: "l.martin@fonderie-ardennes.example", company: null));

        Assert.Equal("Fonderie Ardennes", outcome.Contact!.Company);
    }

    [Fact]
    public void Screen_never_makes_a_company_of_a_free_mail_or_disposable_domain()
    {
        Assert.Null(Screen(Form(Question, email: "julie.moreau@gmail.com")).Contact!.Company);
        Assert.Null(Screen(Form(Question, email: "julie.moreau@yopmail.com")).Contact!.Company);
    }

    [Fact]
    public void Screen_keeps_the_company_the_lead_gave()
    {
        var outcome = Screen(Form(Question, email: "l.martin@fonderie-ardennes.example", company: "Groupe Martin Industries"));

        Assert.Equal("Groupe Martin Industries", outcome.Contact!.Company);
    }

    [Theory]
    [InlineData("Bonjour, nous voudrions connaître vos tarifs pour notre usine.", "fr")]
    [InlineData("Hello, we would like to know your prices for our plant.", "en")]
    public void Screen_detects_french_and_english(string message, string language)
    {
        Assert.Equal(language, Screen(Form(message)).Decision.Language);
    }

    [Fact]
    public void Screen_drops_caller_id_placeholders_from_names()
    {
        var outcome = Screen(Call("Bonjour, je voudrais un devis pour des capteurs, rappelez-moi.", callerName: "UNKNOWN"));

        Assert.Null(outcome.Contact!.FullName);
        Assert.Equal("+33478551234", outcome.Contact.Phone);
    }
}
