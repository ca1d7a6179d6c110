using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Mailing;

public sealed class MailHeaderTextTests
{
    public static TheoryData<string> Breaks => new()
    {
        "Eve\r\nBcc: victim@evil.example",
        "Eve\rBcc: victim@evil.example",
        "Eve\nBcc: victim@evil.example",
        "Eve\u0085Bcc: victim@evil.example",
        "Eve\u2028Bcc: victim@evil.example",
        "Eve\u2029Bcc: victim@evil.example",
        "Eve\u000BBcc: victim@evil.example",
        "Eve\u0000Bcc: victim@evil.example",
        "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?=",
        "=?UTF-8?B?RXZlDQpCY2M6IHZpY3RpbUBldmlsLmV4YW1wbGU=?=",
        "=?utf-8?q?Eve=E2=80=A8Bcc:_victim@evil.example?=",
        // an encoded-word whose decoded text is another encoded-word
        "=?utf-8?q?=3D=3Futf-8=3Fq=3FEve=3D0D=3D0ABcc:_victim@evil.example=3F=3D?=",
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void Line_breaks_hidden_in_any_form_become_one_space(string input)
    {
        var line = MailHeaderText.SingleLine(input);

        Assert.Equal("Eve Bcc: victim@evil.example", line);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u2029');
    }

    [Fact]
    public void Text_that_still_looks_like_an_encoded_word_after_decoding_has_its_marker_broken()
    {
        // Four levels deep: more than the decoder unwraps, so the rest must not stay decodable.
        var word = "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?=";
        for (int i = 0; i < 3; i++) word = "=?utf-8?b?" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(word)) + "?=";

        var line = MailHeaderText.SingleLine(word);

        Assert.DoesNotContain("=?", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jeanne Dupont", "Jeanne Dupont")]
    [InlineData("  Élodie   Müller  ", "Élodie Müller")]
    [InlineData("Devis = ? oui", "Devis = ? oui")]
    [InlineData("a=?b", "a= ?b")]
    public void Ordinary_text_is_kept_and_spaces_collapse(string input, string expected) =>
        Assert.Equal(expected, MailHeaderText.SingleLine(input));

    [Fact]
    public void Long_text_is_cut() => Assert.Equal(MailHeaderText.MaxLength, MailHeaderText.SingleLine(new string('x', 5000)).Length);

    [Fact]
    public void A_name_of_only_control_characters_is_no_name() => Assert.Null(MailHeaderText.Name("\r\n\u2028"));

    [Fact]
    public void Mail_addresses_and_subjects_are_single_line_whoever_builds_them()
    {
        var address = new MailAddress("eve@evil.example", "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?=");
        var mail = new OutgoingMail
        {
            Purpose = "test", To = address, ReplyTo = address with { Name = "Eve\u2029X" },
            Subject = "Hi\r\nBcc: victim@evil.example", TextBody = "body\r\nstays",
        };

        Assert.Equal("Eve Bcc: victim@evil.example", mail.To.Name);
        Assert.Equal("Eve X", mail.ReplyTo!.Name);
        Assert.Equal("Hi Bcc: victim@evil.example", mail.Subject);
        Assert.Equal("body\r\nstays", mail.TextBody);
    }

    [Fact]
    public void Routed_mails_built_from_an_encoded_word_name_have_single_line_headers()
    {
        var lead = Mql(message: "Bonjour, un devis svp");
        lead = lead with
        {
            Captured = lead.Captured with
            {
                Contact = lead.Contact with { FirstName = "=?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?=", LastName = null, Email = "eve@evil.example", Company = null },
                Subject = "=?utf-8?q?Offre=0D=0ABcc:_victim@evil.example?=",
            },
        };
        var links = new RepActionLinks("https://l.test/a?t=A", "https://l.test/q?t=Q", "https://l.test/d?t=D", "https://l.test/n?t=N", "https://l.test/l/1");
        var rep = new RepAssignment("alice@corp.test", "Alice\r\nBcc: x@evil.example", "rule", Monday);

        var routed = RoutedLeadMail.Compose(lead, rep, links, "en", TimeZoneInfo.Utc, TimeSpan.FromMinutes(5));
        var request = RoutedRequestMail.Compose(lead, LeadIntent.Service, new MailAddress("service@corp.test"));

        foreach (var mail in new[] { routed, request })
        {
            foreach (var header in new[] { mail.Subject, mail.To.Name, mail.ReplyTo?.Name })
            {
                Assert.True(MailHeaderText.IsSingleLine(header), header);
                Assert.DoesNotContain("=?", header ?? "", StringComparison.Ordinal);
            }
        }
        Assert.Contains("Eve Bcc: victim@evil.example", routed.Subject, StringComparison.Ordinal);
    }
}
