using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Intake.Email;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Intake.Email.EmailFixtures;

namespace LeadIntake.Core.Tests.Intake.Email;

public sealed class InboundEmailParserTests
{
    private static readonly EmailCaptureRules Fr = new() { DefaultRegion = "FR" };

    private static CapturedLead Lead(ParseOutcome<CapturedLead> outcome) =>
        Assert.IsType<ParseOutcome<CapturedLead>.Parsed>(outcome).Value;

    private static FieldError Error(ParseOutcome<CapturedLead> outcome) =>
        Assert.Single(Assert.IsType<ParseOutcome<CapturedLead>.Invalid>(outcome).Errors);

    [Fact]
    public void SendGrid_parsed_mode_becomes_an_email_lead_with_signature_facts()
    {
        var lead = Lead(SendGridInboundParser.Parse(
        [
            F("headers", "Received: by mx.sendgrid.net\nMessage-ID: <abc-123@mail.papeteries-lambert.example>\nSubject: Demande de tarif capteurs\nFrom: Bruno Lambert <bruno.lambert@papeteries-lambert.example>"),
            F("dkim", "{@papeteries-lambert.example : pass}"),
            F("to", "contact@capteo.example"),
            F("from", "Bruno Lambert <bruno.lambert@papeteries-lambert.example>"),
            F("subject", "Demande de tarif capteurs"),
            F("text", "Bonjour,\n\nNous souhaiterions recevoir vos tarifs pour une cinquantaine de capteurs de température, ainsi que les conditions de l'abonnement annuel.\n\nBien cordialement,\nBruno Lambert\nResponsable achats\nPapeteries Lambert\nTél. 02 43 11 22 33"),
            F("envelope", "{\"to\":[\"contact@capteo.example\"],\"from\":\"bruno.lambert@papeteries-lambert.example\"}"),
            F("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"utf-8\"}"),
            F("SPF", "pass"),
            F("sender_ip", "209.85.219.175"),
            F("spam_score", "0.3"),
            F("attachments", "1"),
            F("attachment-info", "{\"attachment1\":{\"filename\":\"plan.pdf\",\"name\":\"plan.pdf\",\"type\":\"application/pdf\"}}"),
        ], null, Fr));

        Assert.Equal(Channel.Email, lead.Channel);
        Assert.Equal("sendgrid", lead.Provider);
        Assert.Equal("abc-123@mail.papeteries-lambert.example", lead.ProviderEventId);
        Assert.Equal("Bruno Lambert", lead.Contact.FullName);
        Assert.Equal("bruno.lambert@papeteries-lambert.example", lead.Contact.Email);
        Assert.Equal("+33243112233", lead.Contact.Phone);
        Assert.Equal("Responsable achats", lead.Contact.JobTitle);
        Assert.Equal("Papeteries Lambert", lead.Contact.Company);
        Assert.Equal("FR", lead.Contact.Country);
        Assert.Equal("Demande de tarif capteurs", lead.Subject);
        Assert.StartsWith("Bonjour,", lead.Message);
        Assert.Equal(0.3, lead.Signals.ProviderSpamScore);
        Assert.False(lead.Signals.AutoReply);
        Assert.Equal(new LeadAttachment("plan.pdf", "application/pdf", null), Assert.Single(lead.Attachments));
    }

    [Fact]
    public void SendGrid_raw_mode_reads_the_mime_message_in_the_email_field()
    {
        var lead = Lead(SendGridInboundParser.Parse(
        [
            F("dkim", "{@google.com : pass}"), F("email", QuoteRequestMime), F("to", "contact@capteo.example"),
            F("from", "Bruno Lambert <bruno.lambert@papeteries-lambert.example>"), F("spam_score", "1.5"),
        ], null, Fr));

        Assert.Equal("sendgrid", lead.Provider);
        Assert.Equal("CAF1234.5678@mail.papeteries-lambert.example", lead.ProviderEventId);
        Assert.Equal("Demande de tarif capteurs", lead.Subject);
        Assert.Equal(1.5, lead.Signals.ProviderSpamScore);
        Assert.DoesNotContain("Merci pour votre visite", lead.Message);
        Assert.Equal("+33243112233", lead.Contact.Phone);
        var attachment = Assert.Single(lead.Attachments);
        Assert.Equal("cahier-des-charges.pdf", attachment.Name);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.True(attachment.SizeBytes > 0);
    }

    [Fact]
    public void SendGrid_official_raw_fixture_fields_are_read()
    {
        // Shape of sendgrid-go helpers/inbound/sample_data/raw_data_plaintext.txt @34d45662 (LF line endings).
        const string raw = "MIME-Version: 1.0\nReceived: by 0.0.0.0 with HTTP; Wed, 10 Aug 2016 14:44:21 -0700 (PDT)\nFrom: Example User <test@example.com>\nDate: Wed, 10 Aug 2016 14:44:21 -0700\nSubject: Raw Payload\nTo: inbound@inbound.example.com\nContent-Type: multipart/alternative; boundary=001a113df448cad2d00539c16e89\n\n--001a113df448cad2d00539c16e89\nContent-Type: text/plain; charset=UTF-8\n\nHello SendGrid!\n\n--001a113df448cad2d00539c16e89\nContent-Type: text/html; charset=UTF-8\n\n<html><body><strong>Hello SendGrid!</body></html>\n\n--001a113df448cad2d00539c16e89--\n";
        var lead = Lead(SendGridInboundParser.Parse(
        [
            F("dkim", "{@google.com : pass}"), F("subject", "Raw Payload"), F("email", raw), F("to", "inbound@inbound.example.com"),
            F("from", "Example User <test@example.com>"), F("sender_ip", "209.85.219.175"),
            F("envelope", "{\"to\":[\"test_test_test123@gmail.com\"],\"from\":\"forwarding-noreply@google.com\"}"),
            F("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\"}"), F("SPF", "pass"),
        ], null, EmailCaptureRules.Default));
        Assert.Equal("Hello SendGrid!", lead.Message);
        Assert.Equal("test@example.com", lead.Contact.Email);
        Assert.Equal("Example User", lead.Contact.FullName);
    }

    [Fact]
    public void Mailgun_route_uses_the_stripped_reply_and_signature()
    {
        var lead = Lead(MailgunRouteParser.Parse(
        [
            F("recipient", "leads@mg.example.com"), F("sender", "jeanne.dupont@example.org"),
            F("from", "Jeanne Dupont <jeanne.dupont@example.org>"), F("subject", "Demande de devis"),
            F("body-plain", "Bonjour, rappelez-moi au 06 12 34 56 78\r\n--\r\nJeanne\r\n\r\nOn Mon, Dec 29, 2025 at 9:00 AM Capteo <contact@capteo.example> wrote:\r\n> Bonjour"),
            F("stripped-text", "Bonjour, rappelez-moi au 06 12 34 56 78"), F("stripped-signature", "Jeanne"),
            F("message-headers", "[[\"Subject\", \"Demande de devis\"], [\"Message-Id\", \"<20260101.abc@example.org>\"]]"),
            F("timestamp", "1767225600"), F("token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            F("signature", "367c92e363f54d535cd69866ecde30115eea34810647f281d2a3366e8a98c3a4"), F("attachment-count", "0"),
        ], null, Fr));

        Assert.Equal("mailgun", lead.Provider);
        Assert.Equal("20260101.abc@example.org", lead.ProviderEventId);
        Assert.Equal("Bonjour, rappelez-moi au 06 12 34 56 78", lead.Message);
        Assert.Equal("+33612345678", lead.Contact.Phone);
        Assert.Equal("Jeanne Dupont", lead.Contact.FullName);
    }

    [Fact]
    public void Mailgun_route_without_message_id_uses_the_token_as_event_id()
    {
        var lead = Lead(MailgunRouteParser.Parse(
        [
            F("sender", "jeanne.dupont@example.org"), F("from", "jeanne.dupont@example.org"), F("subject", "Devis"),
            F("body-plain", "Bonjour"), F("token", "tok-42"),
        ], null, Fr));
        Assert.Equal("tok-42", lead.ProviderEventId);
        Assert.Null(lead.Contact.FullName);
    }

    [Fact]
    public void Mailgun_route_lists_attachment_files_given_by_the_transport()
    {
        var lead = Lead(MailgunRouteParser.Parse(
            [F("from", "a@b-industrie.example"), F("body-plain", "CV attached"), F("attachment-count", "1")],
            [new LeadAttachment("cv.pdf", "application/pdf", 48_213)], Fr));
        Assert.Equal(new LeadAttachment("cv.pdf", "application/pdf", 48_213), Assert.Single(lead.Attachments));
        Assert.Equal("1", lead.ExtraFields["attachmentCount"]);
    }

    [Fact]
    public void Postmark_inbound_json_becomes_an_email_lead()
    {
        using var doc = JsonDocument.Parse("""
            { "FromName":"Jeanne Dupont","From":"jeanne.dupont@example.org",
              "FromFull":{"Email":"jeanne.dupont@dupont-metallerie.example","Name":"Jeanne Dupont","MailboxHash":""},
              "To":"leads+web@inbound.example.com",
              "ToFull":[{"Email":"leads+web@inbound.example.com","Name":"","MailboxHash":"web"}],
              "Cc":"","CcFull":[],"Bcc":"","BccFull":[],"ReplyTo":"","OriginalRecipient":"leads+web@inbound.example.com",
              "Subject":"Demande de devis","Date":"Thu, 1 Jan 2026 11:00:00 +0100","MailboxHash":"web","Tag":"",
              "MessageID":"1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b","MessageStream":"inbound",
              "TextBody":"Bonjour,\nRappelez-moi au 06 12 34 56 78.\n\n> ancien message","HtmlBody":"<p>Bonjour,…</p>",
              "StrippedTextReply":"Bonjour,\nRappelez-moi au 06 12 34 56 78.",
              "Headers":[{"Name":"X-Spam-Status","Value":"No"},{"Name":"X-Spam-Score","Value":"-0.1"}],
              "Attachments":[{"Name":"photo.jpg","Content":"/9j/4AAQ","ContentType":"image/jpeg","ContentLength":6}] }
            """);
        var lead = Lead(PostmarkInboundParser.Parse(doc.RootElement, Fr));
        Assert.Equal("postmark", lead.Provider);
        Assert.Equal("1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", lead.ProviderEventId);
        Assert.Equal("jeanne.dupont@dupont-metallerie.example", lead.Contact.Email);
        Assert.Equal("Dupont Metallerie", lead.Contact.Company);
        Assert.Equal("Bonjour,\nRappelez-moi au 06 12 34 56 78.", lead.Message);
        Assert.Equal(-0.1, lead.Signals.ProviderSpamScore);
        Assert.Equal("+33612345678", lead.Contact.Phone);
        Assert.Equal(new LeadAttachment("photo.jpg", "image/jpeg", 6), Assert.Single(lead.Attachments));
    }

    [Fact]
    public void Raw_mime_lead_keeps_the_reply_and_drops_french_quoted_history()
    {
        var lead = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(QuoteRequestMime), Fr));
        Assert.Equal("mime", lead.Provider);
        Assert.EndsWith("Tél. 02 43 11 22 33", lead.Message);
        Assert.Equal("Responsable achats", lead.Contact.JobTitle);
        Assert.Equal("Papeteries Lambert", lead.Contact.Company);
    }

    [Fact]
    public void Same_message_delivered_twice_has_the_same_event_id()
    {
        var a = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(QuoteRequestMime), Fr));
        var b = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(QuoteRequestMime), Fr));
        Assert.Equal(a.ProviderEventId, b.ProviderEventId);
        Assert.Equal(a.Message, b.Message);
    }

    [Fact]
    public void Html_only_mail_is_converted_to_text()
    {
        var lead = Lead(SendGridInboundParser.Parse(
        [
            F("from", "Olivia Grant <olivia.grant@brightwater-utilities.example>"), F("subject", "RFP"),
            F("html", "<html><head><title>x</title><style>p{color:red}</style></head><body><p>Hi,</p><p>We issue an RFP &amp; need   a quote.<br>Olivia Grant<br>Head of Asset Management<br>+44 161 496 0000</p><script>alert('x')</script></body></html>"),
        ], null, EmailCaptureRules.Default));
        Assert.Equal("Hi,\nWe issue an RFP & need a quote.\nOlivia Grant\nHead of Asset Management\n+44 161 496 0000", lead.Message);
        Assert.Equal("Head of Asset Management", lead.Contact.JobTitle);
        Assert.Equal("+441614960000", lead.Contact.Phone);
        Assert.Equal("GB", lead.Contact.Country);
        Assert.Equal("Brightwater Utilities", lead.Contact.Company);
    }

    [Fact]
    public void Free_mail_sender_gets_no_company()
    {
        var lead = Lead(MailgunRouteParser.Parse([F("from", "Yanis Haddad <yanis.haddad@gmail.com>"), F("body-plain", "Candidature")], null, Fr));
        Assert.Null(lead.Contact.Company);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", "Re: Demande")]
    [InlineData("Auto-Submitted: auto-generated; by=mailer", "Information")]
    [InlineData("X-Autoreply: yes", "Re: Demande")]
    [InlineData("X-Autorespond: Je suis absente", "Re: Demande")]
    [InlineData("Precedence: bulk", "Newsletter")]
    [InlineData("Precedence: auto_reply", "Re: Demande")]
    [InlineData("Precedence: junk", "Re: Demande")]
    [InlineData("", "Out of Office: Claire Petit")]
    [InlineData("", "Absence du bureau")]
    [InlineData("", "Réponse automatique : Demande de devis")]
    [InlineData("", "Automatic reply: Quote")]
    [InlineData("", "Undeliverable: Quote")]
    [InlineData("", "Delivery Status Notification (Failure)")]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=x", "Failure")]
    public void Auto_replies_and_bounces_are_flagged(string header, string subject)
    {
        var lead = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(OutOfOfficeMime(header, subject)), Fr));
        Assert.True(lead.Signals.AutoReply);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com")]
    [InlineData("Mail Delivery System <postmaster@acme.example>")]
    public void Mail_from_daemons_is_flagged(string from)
    {
        var lead = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(OutOfOfficeMime("", "Returned mail", from)), Fr));
        Assert.True(lead.Signals.AutoReply);
    }

    [Theory]
    [InlineData("Auto-Submitted: no", "Demande de devis")]
    [InlineData("Precedence: list", "Demande de devis")]
    [InlineData("", "Office furniture quote")]
    public void Human_mail_is_not_flagged_as_auto_reply(string header, string subject)
    {
        var lead = Lead(MimeEmailParser.Parse(Encoding.UTF8.GetBytes(OutOfOfficeMime(header, subject)), Fr));
        Assert.False(lead.Signals.AutoReply);
    }

    [Fact]
    public void Sendgrid_headers_block_flags_an_out_of_office()
    {
        var lead = Lead(SendGridInboundParser.Parse(
            [F("from", "c@acme-industrie.example"), F("subject", "Re: offre"), F("text", "Absente"), F("headers", "Auto-Submitted:\n auto-replied\nX-Mailer: x")],
            null, Fr));
        Assert.True(lead.Signals.AutoReply);
    }

    [Fact]
    public void Control_characters_and_header_injection_are_neutralised()
    {
        var lead = Lead(SendGridInboundParser.Parse(
        [
            F("from", "Eve\r\nBcc: all@example.com <eve@evil-corp.example>"),
            F("subject", "Hello\r\nBcc: victim@example.com\u0007"),
            F("text", "Body\u0000 with\u001b[31m escape"),
        ], null, Fr));
        Assert.DoesNotContain('\n', lead.Subject!);
        Assert.DoesNotContain('\r', lead.Subject!);
        Assert.DoesNotContain('\u0007', lead.Subject!);
        Assert.DoesNotContain('\u0000', lead.Message!);
        Assert.DoesNotContain('\u001b', lead.Message!);
        Assert.DoesNotContain('\n', lead.Contact.FullName ?? string.Empty);
    }

    [Fact]
    public void Oversized_body_is_cut_with_a_marker_not_refused()
    {
        var lead = Lead(MailgunRouteParser.Parse([F("from", "a@acme.example"), F("body-plain", new string('x', 200_000))], null, Fr));
        Assert.Equal(FieldLimits.Message, lead.Message!.Length);
        Assert.EndsWith("[…]", lead.Message);
    }

    public static TheoryData<string, KeyValuePair<string, string?>[]> BadForms => new()
    {
        { "from", [F("subject", "no sender"), F("text", "hi")] },
        { "from", [F("from", "not an address"), F("text", "hi")] },
        { "from", [F("from", "x@" + new string('a', 300) + ".example"), F("text", "hi")] },
        { "email", [F("email", "\u0001\u0002 garbage that is not mime")] },
        { "form", Enumerable.Range(0, PayloadLimits.FormPairs + 1).Select(i => F("f" + i, "v")).ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public void SendGrid_bad_input_names_the_field(string field, KeyValuePair<string, string?>[] form) =>
        Assert.Equal(field, Error(SendGridInboundParser.Parse(form, null, Fr)).Field);

    [Fact]
    public void Empty_mime_is_refused() => Assert.Equal("email", Error(MimeEmailParser.Parse(ReadOnlyMemory<byte>.Empty, Fr)).Field);

    [Fact]
    public void Postmark_non_object_is_refused()
    {
        using var doc = JsonDocument.Parse("[1,2]");
        Assert.Equal("body", Error(PostmarkInboundParser.Parse(doc.RootElement, Fr)).Field);
    }

    [Fact]
    public void Postmark_huge_header_and_attachment_arrays_are_bounded()
    {
        var headers = string.Join(',', Enumerable.Range(0, 5_000).Select(i => $"{{\"Name\":\"X-H{i}\",\"Value\":\"v\"}}"));
        var files = string.Join(',', Enumerable.Range(0, 5_000).Select(i => $"{{\"Name\":\"f{i}.txt\",\"ContentType\":\"text/plain\",\"ContentLength\":1}}"));
        using var doc = JsonDocument.Parse($"{{\"From\":\"a@acme.example\",\"TextBody\":\"hi\",\"Headers\":[{headers}],\"Attachments\":[{files}]}}");
        var lead = Lead(PostmarkInboundParser.Parse(doc.RootElement, Fr));
        Assert.Equal(PayloadLimits.Attachments, lead.Attachments.Count);
    }
}
