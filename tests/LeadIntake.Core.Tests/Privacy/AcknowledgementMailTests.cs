using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class AcknowledgementMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    private static Lead EmailLead(LeadStatus status, string language = "en", bool autoReply = false, string? name = "Ann <b>Lee</b>")
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Email,
            Provider = "sendgrid",
            Contact = new Contact { FullName = name, Email = "ann@example.com" },
            Message = "Please quote 40 sensors, secret project Falcon.",
            Signals = AntiBotSignals.None with { AutoReply = autoReply },
        };
        var lead = Lead.Capture(captured, LeadId.New(Now), Now).Lead.MovedTo(status, Now);
        return lead with { Screening = new ScreeningDecision(LeadIntent.Commercial, 0.9, 0, [], "test") { Language = language } };
    }

    [Theory]
    [InlineData(LeadStatus.Mql, true)]
    [InlineData(LeadStatus.RoutedService, true)]
    [InlineData(LeadStatus.RoutedHr, true)]
    [InlineData(LeadStatus.RoutedOther, true)]
    [InlineData(LeadStatus.Spam, false)]
    [InlineData(LeadStatus.Review, false)]
    [InlineData(LeadStatus.Captured, false)]
    public void Only_a_request_screening_accepted_is_acknowledged(LeadStatus status, bool due)
    {
        Assert.Equal(due, AcknowledgementMail.IsDue(EmailLead(status)));
    }

    [Fact]
    public void Auto_replies_and_other_channels_are_never_acknowledged()
    {
        Assert.False(AcknowledgementMail.IsDue(EmailLead(LeadStatus.Mql, autoReply: true)));
        var form = EmailLead(LeadStatus.Mql);
        Assert.False(AcknowledgementMail.IsDue(form with { Captured = form.Captured with { Channel = Channel.Form } }));
    }

    [Fact]
    public void The_mail_goes_to_the_sender_with_the_notice_link_and_never_quotes_the_message()
    {
        var mail = AcknowledgementMail.Compose(EmailLead(LeadStatus.Mql), new AcknowledgementNotice("https://example.com/privacy?v=1&x=2", "2026-11"));

        Assert.Equal((AcknowledgementMail.Purpose, "ann@example.com"), (mail.Purpose, mail.To.Address));
        Assert.Equal("We have received your request", mail.Subject);
        Assert.Contains("https://example.com/privacy?v=1&x=2", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/privacy?v=1&amp;x=2\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Falcon", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Falcon", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ann &lt;b&gt;Lee&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_written_in_french_is_acknowledged_in_french()
    {
        var mail = AcknowledgementMail.Compose(EmailLead(LeadStatus.Mql, language: "fr", name: null), new AcknowledgementNotice(null, null));

        Assert.Equal("Nous avons bien reçu votre demande", mail.Subject);
        Assert.StartsWith("Bonjour,", mail.TextBody, StringComparison.Ordinal);
    }
}
