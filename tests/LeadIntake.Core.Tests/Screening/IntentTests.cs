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

    [Fact]
    public void Screen_counts_overlapping_terms_of_one_group_once()
    {
        var outcome = Screen(Form("Le boîtier du quai 3 ne fonctionne plus."));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.StartsWith("service +3.0: support", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_reads_the_english_word_these_as_a_word_not_a_french_thesis()
    {
        var outcome = Screen(Form("Could you quote these forty door sensors with delivery to Leeds?"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.DoesNotContain(outcome.Decision.Reasons, r => r.StartsWith("other", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Oui bonjour, je voulais parler à la boulangerie Martin... oh pardon, je me suis trompée de numéro.")]
    [InlineData("Hey Sam, it's Dana about Saturday... wait, this isn't Sam's number, is it? Sorry.")]
    [InlineData("Allô Patrick ? Ah non, ce n'est pas le numéro de Patrick, excusez-moi.")]
    public void Screen_routes_a_wrong_number_said_in_everyday_words_to_other(string transcript)
    {
        var outcome = Screen(Call(transcript));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_does_not_take_a_request_to_be_called_back_for_buying_intent_when_a_problem_is_described()
    {
        var outcome = Screen(Call("Bonjour, c'est la cave Dumas, l'alarme du local sonne sans arrêt et je ne sais pas comment la couper. Rappelez-moi s'il vous plaît."));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_still_treats_a_bare_callback_request_as_commercial()
    {
        var outcome = Screen(Form("Merci de me rappeler dans la matinée.", phone: "06 12 34 56 78"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_routes_an_applicant_whose_trade_is_after_sales_service_to_hr()
    {
        var outcome = Screen(Form("Technicien de maintenance et SAV depuis dix ans, je vous propose ma candidature ; mon CV est en pièce jointe."));

        Assert.Equal(LeadIntent.Hr, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Notre cabinet de recrutement présente des profils disponibles de chefs de projet ; nos honoraires sont au succès. Un échange de 10 minutes ?")]
    [InlineData("We are a staffing agency with engineering candidates available next month. Could we discuss our fees?")]
    public void Screen_routes_a_recruitment_agency_offering_candidates_to_other(string message)
    {
        var outcome = Screen(Email("Profils", message, from: "c.roy@talent-bridge.example", name: "Claire Roy"));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_routes_a_candidate_answering_a_recruiter_about_an_interview_to_hr()
    {
        var outcome = Screen(Call("Hello, Sam Okafor here, your recruiter left me a message about a second interview, I'm free on Thursday."));

        Assert.Equal(LeadIntent.Hr, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Auto reply: Request for quotation", "I am currently away with limited access to email and will reply upon my return on 3 June.")]
    [InlineData("Réponse automatique : devis", "Je suis absente jusqu'au 9 juin. Pendant mon absence, pour toute urgence, contactez l'accueil.")]
    public void Screen_routes_an_out_of_office_reply_to_other_even_when_the_subject_quotes_a_quote(string subject, string text)
    {
        var outcome = Screen(Email(subject, text));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
        Assert.True(outcome.Decision.Confidence >= 0.6);
    }

    [Fact]
    public void Screen_routes_a_personal_vendor_pitch_that_mentions_our_demos_and_costs_to_other()
    {
        var outcome = Screen(Form(
            "Hi, I took a look at your checkout and it costs you demo bookings. We redesigned a pump maker's site and doubled their enquiries. Open to a 15-minute call?",
            email: "tom@brightpixel-agency.example"));

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Déjà clients sur deux entrepôts, nous voulons équiper un autre site et ajouter 6 utilisateurs supplémentaires. Merci de nous faire une proposition.")]
    [InlineData("We have been customers since 2022; please send pricing for 12 additional gateways and more users for the new warehouse.")]
    public void Screen_keeps_an_existing_customer_buying_more_commercial(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.True(outcome.Decision.Confidence > 0.4);
    }

    [Theory]
    [InlineData("Bonjour, l'appli marche pas depuis ce matin, impossible d'ouvrir les courbes")]
    [InlineData("hi, we still havent recieved the order we placed three weeks ago")]
    public void Screen_understands_service_requests_written_casually_or_misspelt(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Service, outcome.Decision.Intent);
    }
}
