using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public class IntentTests
{
    [Theory]
    [InlineData("Could you send us a quotation for 25 temperature probes and the yearly subscription?")]
    [InlineData("Nous aimerions une démonstration de votre plateforme la semaine prochaine.")]
    [InlineData("What is the price per sensor if we order 300 of them?")]
    [InlineData("Nous souhaitons devenir revendeur de vos produits en Belgique.")]
    [InlineData("Notre hôpital lance un appel d'offres pour la supervision des chambres froides.")]
    public void Screen_recognises_buying_intent_as_commercial(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.Equal(LeadTrigger.MarkMql, outcome.Trigger);
        Assert.True(outcome.Decision.Confidence >= 0.6);
    }

    [Theory]
    [InlineData("Our gateway stopped working after yesterday's firmware update and shows an error code.")]
    [InlineData("Je n'arrive plus à me connecter, mot de passe refusé sur l'application.")]
    [InlineData("Nous n'avons toujours pas reçu notre commande passée il y a trois semaines.")]
    [InlineData("Je souhaite résilier le contrat de notre site de Rennes à la fin de l'année.")]
    [InlineData("Please remove me from your mailing list.")]
    [InlineData("Conformément au RGPD, merci de supprimer mes données personnelles.")]
    [InlineData("The invoice you sent lists the wrong VAT number, please reissue it.")]
    public void Screen_routes_existing_customer_requests_to_service(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
        Assert.Equal(LeadTrigger.RouteToService, outcome.Trigger);
    }

    [Fact]
    public void Screen_reads_the_french_ne_plus_negation_as_something_that_stopped_working()
    {
        var outcome = Screen(Email("sonde chambre froide", "la sonde de la chambre 2 n'envoie quasiment plus rien depuis jeudi"));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Bonjour, je vous adresse ma candidature pour le poste de technicien, CV en pièce jointe.")]
    [InlineData("Je cherche une alternance en maintenance industrielle à partir de septembre.")]
    [InlineData("I'm a second-year student looking for a six-month internship in embedded software.")]
    public void Screen_routes_job_and_internship_applications_to_hr(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Hr, outcome.Decision.Intent);
        Assert.Equal(LeadTrigger.RouteToHr, outcome.Trigger);
    }

    [Fact]
    public void Screen_routes_a_candidate_applying_for_a_sales_job_to_hr()
    {
        var outcome = Screen(Form(
            "Hello, I would like to apply for your Sales Manager opening. Eight years selling industrial equipment, my resume is attached.",
            email: "m.dubois.sales@gmail.com"));

        Assert.Equal(LeadIntent.Hr, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_keeps_an_unhappy_customer_who_wants_to_buy_more_commercial()
    {
        var outcome = Screen(Form(
            "Honestly we are disappointed by the delays on the first rollout, but the results are there: please quote 30 more sensors for our Lyon plant."));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_routes_an_invoice_question_mentioning_devis_to_service()
    {
        var outcome = Screen(Email(
            "Question sur votre facture",
            "Bonjour, le montant de votre facture de mars est supérieur à celui du devis signé. Pouvez-vous corriger la facture ?"));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_understands_a_french_message_without_accents()
    {
        var outcome = Screen(Form("bonjour, quel serait le tarif pour equiper nos 3 chambres froides ? merci de me rappeler", phone: "06 12 34 56 78"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.Equal("fr", outcome.Decision.Language);
    }

    [Fact]
    public void Screen_understands_a_service_request_without_accents()
    {
        var outcome = Screen(Form("la facture de fevrier a ete prelevee deux fois, merci de rembourser le trop percu"));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Je suis journaliste et je prépare un article sur l'industrie 4.0 : accepteriez-vous une interview ?")]
    [InlineData("For my master's thesis, could you answer a short survey about IoT adoption?")]
    [InlineData("We help manufacturers generate more leads with our outsourced telemarketing services. Would you be open to a quick call?")]
    [InlineData("Sorry, wrong number, I was calling the garage.")]
    [InlineData("Je suis absent du bureau jusqu'au 12 mars, réponse automatique.")]
    public void Screen_routes_press_research_vendors_wrong_numbers_and_auto_replies_to_other(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
        Assert.Equal(LeadTrigger.RouteToOther, outcome.Trigger);
    }

    [Fact]
    public void Screen_does_not_take_a_negated_internship_request_for_hr()
    {
        var outcome = Screen(Form("Je prépare un mémoire de fin d'études, ce n'est pas une demande de stage : pourriez-vous répondre à mon questionnaire ?"));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_prefers_commercial_with_low_confidence_when_unsure_and_says_so()
    {
        var outcome = Screen(Form("We have a problem with humidity in our warehouse. Could you give us a price for monitoring?"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.True(outcome.Decision.Confidence <= 0.5);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("unsure", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_treats_a_message_without_intent_vocabulary_as_commercial_with_low_confidence()
    {
        var outcome = Screen(Form("Bonjour, pouvez-vous me contacter ?"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.True(outcome.Decision.Confidence <= 0.4);
    }

    [Fact]
    public void Screen_treats_a_missed_call_without_message_as_commercial_with_low_confidence()
    {
        var outcome = Screen(Call(null));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.Equal(0.3, outcome.Decision.Confidence);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("call back", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_records_reasons_and_the_rules_version_with_every_decision()
    {
        var outcome = Screen(Form("Could you send us a quotation for 25 probes?"));

        Assert.Equal(LeadIntake.Core.Screening.LeadScreener.RulesVersion, outcome.Decision.RulesVersion);
        Assert.Contains(outcome.Decision.Reasons, r => r.StartsWith("commercial +", StringComparison.Ordinal));
    }
}
