using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class RoutedLeadMailTests
{
    private static readonly RepActionLinks Links = new(
        "https://leads.test/a/accept?t=A", "https://leads.test/a/qualify?t=Q", "https://leads.test/a/disqualify?t=D", "https://leads.test/a/nurture?t=N", "https://leads.test/leads/1");
    private static readonly RepAssignment ToAlice = new("alice@corp.test", "Alice", "rule FR-Industry → team Industry → weighted round robin, pointer 7 → Alice", Monday);

    private static Lead Hostile()
    {
        var lead = Mql(phone: "+33329551240", message: "<script>alert(1)</script> devis urgent", subject: "Prix <b>bold</b>");
        var captured = lead.Captured with
        {
            Contact = lead.Contact with { FirstName = "Eve\r\nBcc: victim@x.test", LastName = "<img src=x onerror=alert(1)>", Company = "ACME\r\nX-Evil: 1", Email = "eve@evil.test?bcc=all@corp.test" },
            Source = new SourceAttribution { UtmCampaign = "\"><script>x</script>", PageUrl = "javascript:alert(1)" },
        };
        return lead with
        {
            Captured = captured,
            SlaDueAt = Monday.AddMinutes(5),
            Screening = new ScreeningDecision(LeadIntent.Commercial, 0.92, 0.01, ["asks for a <quote>"], "r1"),
        };
    }

    private static Leads.Lead Compose(Lead lead, string language, out Mail.OutgoingMail mail)
    {
        mail = RoutedLeadMail.Compose(lead, ToAlice, Links, language, TimeZoneInfo.Utc, TimeSpan.FromMinutes(5));
        return lead;
    }

    [Fact]
    public void Hostile_values_are_html_encoded_everywhere_in_the_html_part()
    {
        Compose(Hostile(), "en", out var mail);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("campaign=&quot;&gt;&lt;script&gt;x&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("asks for a", mail.HtmlBody, StringComparison.Ordinal); // raw screening reasons stay in the audit trail
    }

    [Fact]
    public void Crlf_in_names_never_reaches_the_subject_or_the_addresses()
    {
        Compose(Hostile(), "en", out var mail);

        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\n', mail.ReplyTo!.Name!);
        Assert.Equal("P1 · ACME X-Evil: 1 · web form", mail.Subject);
    }

    [Fact]
    public void Phone_and_email_are_click_to_call_and_mailto_links_that_cannot_add_headers()
    {
        Compose(Hostile(), "en", out var mail);

        Assert.Contains("href=\"tel:+33329551240\">+33 3 29 55 12 40</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:eve@evil.test%3Fbcc%3Dall@corp.test\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_mail_has_priority_deadline_actions_screening_and_the_reason()
    {
        Compose(Hostile(), "en", out var mail);

        Assert.StartsWith($"{RoutedLeadMail.Purpose}/", mail.Purpose, StringComparison.Ordinal);
        Assert.Contains("New lead for you — P1 call now", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("• Phone number given", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Accept before Mon 3 Mar 2025 09:05 UTC (5 min)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Accept: https://leads.test/a/accept?t=A", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Return to nurture: https://leads.test/a/nurture?t=N", mail.TextBody, StringComparison.Ordinal);
        // Scores and the rotation pointer are for the audit trail, not for the rep.
        Assert.DoesNotContain("92%", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("pointer", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://leads.test/a/qualify?t=Q\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_french_rep_gets_the_mail_in_french()
    {
        Compose(Mql(phone: "+33329551240", message: "Pouvez-vous m'envoyer un devis ?") with { SlaDueAt = Monday.AddMinutes(5) }, "fr", out var mail);

        Assert.Equal("P1 · Fonderie Vosges · formulaire", mail.Subject);
        Assert.Contains("• Numéro de téléphone fourni", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Demande de devis, de prix ou de démo", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("À accepter avant le 03/03/2025 09:05 UTC (5 min)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Renvoyer en nurturing", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Téléphone: 03 29 55 12 40", mail.TextBody, StringComparison.Ordinal); // a French rep dials the national form
    }

    [Fact]
    public void A_lead_without_phone_or_buying_words_is_low_priority()
    {
        Compose(Mql(email: "jeanne@gmail.com", message: "Bonjour"), "en", out var mail);

        Assert.StartsWith("P3 · ", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reminder_goes_to_the_rep_with_the_accept_link_and_a_single_line_subject()
    {
        var mail = SlaReminderMail.Compose(Hostile(), ToAlice, Links, "fr", TimeZoneInfo.Utc, Monday.AddMinutes(15));

        Assert.Equal("alice@corp.test", mail.To.Address);
        Assert.StartsWith("[Relance] Lead en attente : ACME X-Evil: 1", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("avant le 03/03/2025 09:15", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://leads.test/a/accept?t=A", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manager_is_told_who_had_the_lead_and_who_has_it_now()
    {
        var team = SampleDirectory.With(SampleDirectory.Rep("Alice")).Teams[0];
        var toBob = new RepAssignment("bob@corp.test", "Bob", "SLA reassignment in team Industry → … → Bob", Monday.AddMinutes(15));

        var mail = ReassignmentNoticeMail.Compose(Hostile(), team, ToAlice, toBob, "en", "https://leads.test/leads/1", TimeSpan.FromMinutes(17));

        Assert.Equal("boss@corp.test", mail.To.Address);
        Assert.Equal("Lead reassigned: ACME X-Evil: 1 · Alice → Bob", mail.Subject);
        Assert.Contains("Alice did not accept this lead; it waited 17 min. It now goes to Bob.", mail.TextBody, StringComparison.Ordinal);
        // Enough to act from a phone: the contact with click-to-call, what they asked, the lead page; no rotation jargon.
        Assert.Contains("href=\"tel:+33329551240\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("devis urgent", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://leads.test/leads/1\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("pointer", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.NotEqual(ReassignmentNoticeMail.Compose(Hostile(), team, ToAlice, null, "en", "u", TimeSpan.FromMinutes(17)).Purpose, mail.Purpose);
    }

    [Theory]
    [InlineData("en", 0, "0 min")]
    [InlineData("en", 47, "47 min")]
    [InlineData("en", 185, "3 h 05")]
    [InlineData("en", 3120, "2 d 4 h")]
    [InlineData("fr", 47, "47 min")]
    [InlineData("fr", 185, "3 h 05")]
    [InlineData("fr", 3120, "2 j 4 h")]
    public void The_manager_reads_how_long_the_lead_waited_in_plain_units_of_their_language(string language, int minutes, string expected)
    {
        Assert.Equal(expected, ReassignmentNoticeMail.Duration(TimeSpan.FromMinutes(minutes), RepTexts.For(language)));
    }
}
