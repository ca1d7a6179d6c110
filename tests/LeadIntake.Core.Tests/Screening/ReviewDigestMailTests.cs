using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Screening;

public sealed class ReviewDigestMailTests
{
    private static readonly DateOnly Day = new(2025, 3, 4);
    private static readonly MailAddress Marketing = new("marketing@corp.test");

    private static ReviewDigestEntry Entry(Lead lead, string tag) =>
        new(lead, $"https://leads.test/api/mailbox/leads/{lead.Id.Value}/release?t={tag}&x=1", $"https://leads.test/api/mailbox/leads/{lead.Id.Value}/confirm_spam?t={tag}");

    private static Lead Hostile()
    {
        var lead = ReviewBandTests.Held(message: "<script>alert(1)</script> I wanted to know your price");
        return lead with
        {
            Captured = lead.Captured with
            {
                Subject = "Prix <b>bold</b>\r\nBcc: victim@x.test",
                Contact = lead.Contact with { FirstName = "<img src=x onerror=alert(1)>", Company = "ACME & <Co>" },
            },
            Screening = lead.Screening! with { Reasons = ["word <price> in 12 languages"], ReasonCodes = ["commercial_words"] },
        };
    }

    [Fact]
    public void Lead_values_are_html_encoded_in_the_digest()
    {
        var mail = ReviewDigestMail.Compose(Day, [Entry(Hostile(), "A")], Marketing);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("ACME &amp; &lt;Co&gt;", mail.HtmlBody, StringComparison.Ordinal);
        // Reasons are shown as their kind's sentence; the stored text (scores, matched words) stays in the audit trail.
        Assert.DoesNotContain("price&gt; in 12", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Buying request (quote, price, demo…)", mail.HtmlBody, StringComparison.Ordinal);
        // Links are attribute-encoded too ('&' in a query string).
        Assert.Contains("release?t=A&amp;x=1", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_lead_is_listed_with_its_reasons_contact_excerpt_and_both_links()
    {
        var first = ReviewBandTests.Held(at: Monday);
        var second = ReviewBandTests.Held(message: "Quanto costa il vostro prodotto?", at: Monday.AddMinutes(3));

        var mail = ReviewDigestMail.Compose(Day, [Entry(first, "A"), Entry(second, "B")], Marketing);

        Assert.Equal("2 leads to review · 2025-03-04", mail.Subject);
        Assert.Equal(Marketing, mail.To);
        Assert.Equal("review-digest-2025-03-04", mail.Purpose);
        foreach (var (lead, tag) in new[] { (first, "A"), (second, "B") })
        {
            Assert.Contains(lead.Id.Value, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/release?t={tag}", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/confirm_spam?t={tag}", mail.HtmlBody, StringComparison.Ordinal);
        }
        Assert.Contains("Quanto costa", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("jeanne@fonderie-vosges.fr", mail.TextBody, StringComparison.Ordinal);
        // The reasons as short sentences: the model's arithmetic stays in the audit trail.
        Assert.Contains("Buying request (quote, price, demo…)", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("model unsure", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("form/web · captured 2025-03-03 09:00 UTC", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_message_is_cut_to_a_short_excerpt()
    {
        var lead = ReviewBandTests.Held(message: new string('a', 5000));

        var mail = ReviewDigestMail.Compose(Day, [Entry(lead, "A")], Marketing);

        Assert.DoesNotContain(new string('a', ReviewDigestMail.ExcerptLength + 1), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(new string('a', ReviewDigestMail.ExcerptLength - 1) + "…", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_outbox_purpose_changes_with_the_day_so_one_digest_goes_per_day()
    {
        Assert.NotEqual(ReviewDigestMail.PurposeFor(Day), ReviewDigestMail.PurposeFor(Day.AddDays(1)));
    }

    [Fact]
    public void An_empty_digest_is_never_composed()
    {
        Assert.Throws<ArgumentException>(() => ReviewDigestMail.Compose(Day, [], Marketing));
    }
}

public sealed class RoutedRequestSalesLinkTests
{
    [Fact]
    public void A_routed_request_mail_offers_the_signed_sales_lead_link_in_both_parts()
    {
        var lead = Mql() with { Screening = new ScreeningDecision(LeadIntent.Service, 0.7, 0, [], "r1") { Language = "fr" } };
        const string link = "https://leads.test/api/mailbox/leads/X/return_to_sales?t=abc&v=\"1\"";

        var mail = RoutedRequestMail.Compose(lead, LeadIntent.Service, new MailAddress("sav@corp.test"), link);

        Assert.Contains($"C'est une demande commerciale: {link}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://leads.test/api/mailbox/leads/X/return_to_sales?t=abc&amp;v=&quot;1&quot;\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_link_the_routed_request_mail_has_no_sales_lead_button()
    {
        var mail = RoutedRequestMail.Compose(Mql(), LeadIntent.Other, new MailAddress("marketing@corp.test"));

        Assert.DoesNotContain("sales lead", mail.TextBody, StringComparison.Ordinal);
    }
}
