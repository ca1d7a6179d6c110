using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.Screening.ScreeningLeads;

namespace LeadIntake.Core.Tests.Screening;

public class SpamSignalTests
{
    private const string GenuineQuestion = "Bonjour, pouvez-vous nous envoyer un devis pour équiper nos quatre compresseurs de capteurs ?";

    [Fact]
    public void Screen_marks_honeypot_submission_as_spam()
    {
        var outcome = Screen(Form(GenuineQuestion, honeypot: true));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Equal(LeadTrigger.Quarantine, outcome.Trigger);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("honeypot", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_keeps_a_genuine_lead_out_of_spam_with_a_zero_score()
    {
        var outcome = Screen(Form(GenuineQuestion));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.Equal(0, outcome.Decision.SpamScore);
    }

    [Fact]
    public void Screen_marks_a_form_submitted_faster_than_a_human_can_as_spam()
    {
        var fast = Screen(Form(GenuineQuestion, elapsedSeconds: 0.4));

        // Nobody fills a name, an email and a message in under two seconds: like the honeypot, it is a bot on its own.
        Assert.Equal(LeadIntent.Spam, fast.Decision.Intent);
        Assert.Equal(5.0, fast.Decision.SpamScore);
        Assert.Contains(fast.Decision.Reasons, r => r.Contains("faster than a human", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_keeps_a_quick_but_human_submission_out_of_spam()
    {
        var hurried = Screen(Form(GenuineQuestion, elapsedSeconds: 3.5));

        Assert.Equal(LeadIntent.Commercial, hurried.Decision.Intent);
        Assert.Equal(1.0, hurried.Decision.SpamScore);
    }

    [Fact]
    public void Screen_marks_a_fast_submission_with_links_as_spam()
    {
        var outcome = Screen(Form("Great deals here http://deals-one.example http://deals-two.example", elapsedSeconds: 0.9));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_does_not_count_one_link_to_the_senders_own_site()
    {
        var outcome = Screen(Form(
            "Nous fabriquons des pièces de chaudronnerie (https://www.chaudronnerie-alpes.example/atelier). Quel serait le prix pour 30 capteurs ?"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
        Assert.Equal(0, outcome.Decision.SpamScore);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("own site", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_counts_many_links_to_other_sites()
    {
        var outcome = Screen(Form("See http://a1.example http://b2.example http://c3.example http://d4.example http://e5.example"));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("5 links", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("We build backlinks and guarantee the first page of Google ranking for your website, order now")]
    [InlineData("Référencement naturel garanti : votre site en première position, audit SEO gratuit, cliquez ici")]
    [InlineData("Passive income with our crypto trading bot, connect your wallet and claim your bitcoin airdrop")]
    [InlineData("Casino bonus: free spins and free chips, no deposit, jackpot tonight, win big")]
    [InlineData("Viagra et cialis sans ordonnance, pharmacie en ligne, livraison discrète")]
    [InlineData("Unusual activity: verify your account within 24 hours or your account will be suspended. Click here")]
    public void Screen_marks_known_spam_vocabulary_as_spam_in_french_and_english(string message)
    {
        var outcome = Screen(Form(message, elapsedSeconds: 30));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("vocabulary", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_marks_keyboard_mashing_in_name_and_message_as_spam()
    {
        var outcome = Screen(Form("dfghjk lkjhgf qsdfgh", firstName: "zxcvbn", lastName: "wxcvbn", elapsedSeconds: 3));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("random typing", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_does_not_mistake_acronyms_for_gibberish()
    {
        var outcome = Screen(Form("Can your gateway talk SNMP or MQTT to our BMS? We need a price for 40 units."));

        Assert.Equal(0, outcome.Decision.SpamScore);
    }

    [Fact]
    public void Screen_scores_a_message_in_another_script()
    {
        var outcome = Screen(Form("Недорогое продвижение сайтов и рост позиций в поиске", firstName: "Олег", lastName: null));

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("Cyrillic", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("本公司提供优质网站推广服务，价格实惠，欢迎联系我们")]
    [InlineData("Продаём базы клиентов и рассылки по всей Европе недорого")]
    public void Screen_marks_a_message_mostly_in_another_script_as_spam_on_its_own(string message)
    {
        var outcome = Screen(Form(message, firstName: "Lee", lastName: "Wong"));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_does_not_mark_an_english_lead_signed_with_a_name_in_another_script_as_spam()
    {
        var outcome = Screen(Form("Please send the price list for your humidity loggers, we need about sixty.", firstName: "明", lastName: "王"));

        Assert.Equal(LeadIntent.Commercial, outcome.Decision.Intent);
    }

    [Theory]
    [InlineData("Votre société est pré-approuvée : prêt professionnel garanti, sans justificatif, fonds versés en 48 h. Répondez OUI.")]
    [InlineData("Your business is pre-approved for same day funding, no paperwork and no credit check. Reply YES to start.")]
    public void Screen_marks_unsolicited_loan_offers_as_spam(string message)
    {
        var outcome = Screen(Form(message));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_marks_a_mailed_offer_of_contact_lists_as_spam()
    {
        var outcome = Screen(Email("Reach 30k buyers", "Want to reach plant managers? The exhibitor list of the spring packaging expo is ready, with verified emails and direct lines."));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("contact lists", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_marks_an_account_lure_as_phishing()
    {
        var outcome = Screen(Email("Security alert", "Your password expires today. Sign in to view the secure message from the IT desk."));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("phishing", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_counts_bulk_mail_footers_and_generic_greetings()
    {
        var outcome = Screen(Email("Website offer", "Dear business owner, we design websites at low prices. You are receiving this because you are listed online; to unsubscribe, reply REMOVE."));

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("mass marketing vocabulary", StringComparison.Ordinal));
        Assert.True(outcome.Decision.SpamScore >= 4.5);
    }

    [Fact]
    public void Screen_scores_a_provider_rating_just_under_its_spam_line()
    {
        var borderline = Screen(Email("Hello", "Please find our catalogue attached.", spamScore: 4.5));

        // The provider's 4-to-5 band adds on the same slope as above 5 but is not enough alone.
        Assert.Equal(2.5, borderline.Decision.SpamScore);
        Assert.NotEqual(LeadIntent.Spam, borderline.Decision.Intent);
    }

    [Fact]
    public void Screen_scores_a_disposable_email_domain_from_the_bundled_list()
    {
        var outcome = Screen(Form(GenuineQuestion, email: "someone@mailinator.com"));

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("disposable", StringComparison.Ordinal));
        Assert.Equal(3.0, outcome.Decision.SpamScore);
    }

    [Fact]
    public void Screen_uses_operator_supplied_disposable_domains()
    {
        var context = RulesOnly with { DisposableDomains = DisposableDomains.Bundled.With(["throwaway-box.example"]) };

        var outcome = Screen(Form(GenuineQuestion, email: "x@throwaway-box.example"), context);

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("disposable", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_scores_an_invalid_email_and_an_impossible_phone()
    {
        var outcome = Screen(Form(GenuineQuestion, email: "julie.moreau@@nowhere", phone: "12345"));

        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("email address is not valid", StringComparison.Ordinal));
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("can't be a real number", StringComparison.Ordinal));
        Assert.False(outcome.Decision.HasPhone);
    }

    [Fact]
    public void Screen_adds_the_mail_providers_spam_score_when_high()
    {
        var high = Screen(Email("Hello", "Please find our catalogue attached.", spamScore: 8.0));
        var low = Screen(Email("Hello", "Please find our catalogue attached.", spamScore: 1.2));

        Assert.Equal(6.0, high.Decision.SpamScore);
        Assert.Equal(LeadIntent.Spam, high.Decision.Intent);
        Assert.Equal(0, low.Decision.SpamScore);
    }

    [Fact]
    public void Screen_routes_an_auto_reply_to_other()
    {
        var captured = Email("Absence", "Merci pour votre message.") with { Signals = AntiBotSignals.None with { AutoReply = true } };

        var outcome = Screen(captured);

        Assert.Equal(LeadIntent.Other, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_marks_a_burst_from_the_same_contact_and_client_as_spam()
    {
        var context = RulesOnly with { RecentSubmissionsFromContact = 12, RecentSubmissionsFromClient = 3 };
        var burst = Screen(Form(GenuineQuestion), context);
        var single = Screen(Form(GenuineQuestion), RulesOnly with { RecentSubmissionsFromContact = 1 });

        Assert.Equal(LeadIntent.Spam, burst.Decision.Intent);
        Assert.Contains(burst.Decision.Reasons, r => r.Contains("same contact", StringComparison.Ordinal));
        Assert.Equal(0, single.Decision.SpamScore);
    }

    [Fact]
    public void Screen_never_marks_an_allow_listed_domain_as_spam()
    {
        var context = RulesOnly with { AllowList = AddressList.From(["@chaudronnerie-alpes.example"]) };

        var outcome = Screen(Form(GenuineQuestion, honeypot: true, elapsedSeconds: 0.2), context);

        Assert.NotEqual(LeadIntent.Spam, outcome.Decision.Intent);
        Assert.Contains(outcome.Decision.Reasons, r => r.Contains("allow-listed", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_always_marks_a_block_listed_address_as_spam()
    {
        var context = RulesOnly with { BlockList = AddressList.From(["j.moreau@chaudronnerie-alpes.example"]) };

        var outcome = Screen(Form(GenuineQuestion), context);

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
    }

    [Fact]
    public void Screen_marks_a_robocall_as_spam()
    {
        var outcome = Screen(Call("Important message about your energy bill: save up to 30 percent, press 1 to speak to an advisor."));

        Assert.Equal(LeadIntent.Spam, outcome.Decision.Intent);
    }
}
