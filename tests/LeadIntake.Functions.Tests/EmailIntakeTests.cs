using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Infrastructure;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class EmailIntakeTests
{
    private const string MailgunKey = "mg_signing_key_example";

    private static MultipartFormDataContent SendGridParsed(string messageId, byte[]? attachment = null)
    {
        var content = new MultipartFormDataContent("xYzZY")
        {
            { new StringContent("Jeanne Dupont <jeanne.dupont@fonderie-vosges.fr>"), "from" },
            { new StringContent("leads@parse.example.com"), "to" },
            { new StringContent("Demande de devis"), "subject" },
            { new StringContent("{\"to\":[\"leads@parse.example.com\"],\"from\":\"jeanne.dupont@fonderie-vosges.fr\"}"), "envelope" },
            { new StringContent($"Message-ID: <{messageId}>\r\nSubject: Demande de devis\r\nFrom: Jeanne Dupont <jeanne.dupont@fonderie-vosges.fr>\r\n"), "headers" },
            { new StringContent("Bonjour, pouvez-vous me rappeler au +33 6 12 34 56 78 ?\n--\nJeanne Dupont\nAcheteuse"), "text" },
            { new StringContent("{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"utf-8\"}"), "charsets" },
            { new StringContent("0.1"), "spam_score" },
        };
        if (attachment is not null)
        {
            var file = new ByteArrayContent(attachment);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "attachment1", "cahier-des-charges.pdf");
        }
        return content;
    }

    [Fact]
    public async Task SendGrid_parsed_email_becomes_one_lead_however_often_it_is_delivered()
    {
        await using var app = await TestApp.StartAsync();
        var messageId = $"{Guid.NewGuid():N}@mail.fonderie-vosges.fr";

        using var first = await app.Client.PostAsync("/api/intake/email/sendgrid", SendGridParsed(messageId, new byte[2048]));
        var id = await AssertCapturedAsync(first);
        using var again = await app.Client.PostAsync("/api/intake/email/sendgrid", SendGridParsed(messageId, new byte[2048]));
        Assert.Equal(id, await AssertCapturedAsync(again, HttpStatusCode.OK));

        var lead = await LoadAsync(app, id);
        Assert.Equal(Channel.Email, lead.Channel);
        Assert.Equal("sendgrid", lead.Provider);
        Assert.Equal("jeanne.dupont@fonderie-vosges.fr", lead.Contact.Email);
        Assert.Equal("Demande de devis", lead.Captured.Subject);
        var attachment = Assert.Single(lead.Captured.Attachments);
        Assert.Equal(("cahier-des-charges.pdf", "application/pdf", 2048L), (attachment.Name, attachment.ContentType, attachment.SizeBytes));
        Assert.Equal(1, await ScreenedCountAsync(app, id));
        Assert.Equal(1, await app.CountLeadRowsAsync());
        Assert.Equal(1, await CountRawRowsAsync(app));
    }

    [Fact]
    public async Task SendGrid_raw_mode_and_a_large_attachment_over_the_server_wide_limit_are_accepted()
    {
        await using var app = await TestApp.StartAsync();
        var mime = "From: Paul Martin <paul.martin@martin-agro.fr>\r\nTo: leads@parse.example.com\r\nSubject: Devis silo\r\n"
                   + $"Message-ID: <{Guid.NewGuid():N}@martin-agro.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, un devis pour un silo de 40 m3 ?\r\n";
        using var raw = new MultipartFormDataContent { { new StringContent(mime), "email" }, { new StringContent("leads@parse.example.com"), "to" } };
        var rawId = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/sendgrid", raw));
        Assert.Equal("paul.martin@martin-agro.fr", (await LoadAsync(app, rawId)).Contact.Email);

        // 5 MB: over Kestrel's 4 MiB server-wide limit, under Intake:MaxEmailBodyBytes (10 MiB).
        using var big = SendGridParsed($"{Guid.NewGuid():N}@x.example", new byte[5_000_000]);
        var bigId = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/sendgrid", big));
        Assert.Equal(5_000_000L, Assert.Single((await LoadAsync(app, bigId)).Captured.Attachments).SizeBytes);
    }

    private static FormUrlEncodedContent Mailgun(string token, string? signature = null, long? timestamp = null)
    {
        var ts = (timestamp ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        signature ??= Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MailgunKey), Encoding.UTF8.GetBytes(ts + token)));
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recipient"] = "leads@mg.example.com",
            ["sender"] = "jeanne.dupont@example.org",
            ["from"] = "Jeanne Dupont <jeanne.dupont@example.org>",
            ["subject"] = "Demande de devis",
            ["body-plain"] = "Bonjour,\r\nrappelez-moi au +33 6 12 34 56 78\r\n--\r\nJeanne",
            ["stripped-text"] = "Bonjour, rappelez-moi au +33 6 12 34 56 78",
            ["stripped-signature"] = "Jeanne",
            ["message-headers"] = $"[[\"Subject\", \"Demande de devis\"], [\"Message-Id\", \"<{token}@mg.example.org>\"]]",
            ["timestamp"] = ts,
            ["token"] = token,
            ["signature"] = signature,
        });
    }

    [Fact]
    public async Task Mailgun_signed_post_is_captured_and_forged_or_stale_ones_are_401_and_stored_nowhere()
    {
        await using var app = await TestApp.StartAsync(new() { ["Mailgun:SigningKey"] = MailgunKey });
        var token = Guid.NewGuid().ToString("N") + "aaaaaaaaaaaaaaaaaa";

        using var forged = await app.Client.PostAsync("/api/intake/email/mailgun", Mailgun(token, signature: new string('0', 64)));
        await BadInputTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "signature");
        using var stale = await app.Client.PostAsync("/api/intake/email/mailgun", Mailgun(token, timestamp: 1403645220));
        await BadInputTests.AssertProblemAsync(stale, HttpStatusCode.Unauthorized, "timestamp");
        Assert.Equal(0, await app.CountLeadRowsAsync());

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/mailgun", Mailgun(token)));
        var lead = await LoadAsync(app, id);
        Assert.Equal(("mailgun", "jeanne.dupont@example.org", "+33612345678"), (lead.Provider, lead.Contact.Email, lead.Contact.Phone));
    }

    private static StringContent Postmark(string messageId, bool autoReply) => new(
        $$"""
        { "FromName":"Jeanne Dupont","From":"jeanne.dupont@example.org",
          "FromFull":{"Email":"jeanne.dupont@example.org","Name":"Jeanne Dupont","MailboxHash":""},
          "To":"leads+web@inbound.example.com","OriginalRecipient":"leads+web@inbound.example.com",
          "Subject":"{{(autoReply ? "Réponse automatique : absence du bureau" : "Demande de devis")}}","Date":"Thu, 1 Jan 2026 11:00:00 +0100",
          "MessageID":"{{messageId}}","MessageStream":"inbound",
          "TextBody":"Bonjour,\nRappelez-moi au 06 12 34 56 78.\n\n> ancien message","HtmlBody":"<p>Bonjour</p>",
          "StrippedTextReply":"Bonjour,\nRappelez-moi au 06 12 34 56 78.",
          "Headers":[{"Name":"X-Spam-Score","Value":"-0.1"}{{(autoReply ? ",{\"Name\":\"Auto-Submitted\",\"Value\":\"auto-replied\"}" : "")}}],
          "Attachments":[{"Name":"plan.pdf","ContentType":"application/pdf","ContentLength":1234,"Content":"JVBERi0="}] }
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Postmark_needs_its_basic_auth_and_an_auto_reply_is_captured_with_the_signal()
    {
        await using var app = await TestApp.StartAsync(new() { ["Postmark:Username"] = "pm", ["Postmark:Password"] = "s3cret" });
        using var anonymous = await app.Client.PostAsync("/api/intake/email/postmark", Postmark(Guid.NewGuid().ToString(), false));
        await BadInputTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "Authorization");

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/email/postmark") { Content = Postmark(Guid.NewGuid().ToString(), true) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pm:s3cret")));
        var id = await AssertCapturedAsync(await app.Client.SendAsync(request));

        var lead = await LoadAsync(app, id);
        Assert.Equal(("postmark", "jeanne.dupont@example.org"), (lead.Provider, lead.Contact.Email));
        Assert.True(lead.Captured.Signals.AutoReply);
        Assert.Equal("plan.pdf", Assert.Single(lead.Captured.Attachments).Name);
    }

    [Fact]
    public async Task Raw_mime_message_is_captured()
    {
        await using var app = await TestApp.StartAsync();
        var mime = "From: \"Daniel Okafor\" <dokafor@northbridge-hospital.co.uk>\r\nTo: leads@example.com\r\nSubject: Demo request\r\n"
                   + $"Message-ID: <{Guid.NewGuid():N}@northbridge>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCould someone walk us through a demo?\r\n\r\nDaniel Okafor\r\nEstates Manager\r\nTel: +44 20 7946 0321\r\n";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mime));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/mime", content));

        var lead = await LoadAsync(app, id);
        Assert.Equal((Channel.Email, "mime", "dokafor@northbridge-hospital.co.uk"), (lead.Channel, lead.Provider, lead.Contact.Email));
    }

    public static TheoryData<string, string, string, byte[], HttpStatusCode, string> EmailBadInput() => new()
    {
        { "unknown provider", "/api/intake/email/hotmail", "application/json", "{}"u8.ToArray(), HttpStatusCode.NotFound, "provider" },
        { "postmark as text", "/api/intake/email/postmark", "text/plain", "hi"u8.ToArray(), HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "sendgrid as JSON", "/api/intake/email/sendgrid", "application/json", "{}"u8.ToArray(), HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "mime as JSON", "/api/intake/email/mime", "application/json", "{}"u8.ToArray(), HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "malformed JSON", "/api/intake/email/postmark", "application/json", "{\"From\":"u8.ToArray(), HttpStatusCode.BadRequest, "body" },
        { "invalid UTF-8", "/api/intake/email/postmark", "application/json", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D], HttpStatusCode.BadRequest, "body" },
        { "too deep JSON", "/api/intake/email/postmark", "application/json", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)), HttpStatusCode.BadRequest, "body" },
        { "no sender", "/api/intake/email/postmark", "application/json", "{\"Subject\":\"hi\",\"TextBody\":\"x\"}"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "from" },
        { "hostile sender", "/api/intake/email/postmark", "application/json", "{\"From\":\"<script>alert(1)</script>\\u0000\",\"TextBody\":\"x\"}"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "from" },
        { "mailgun garbage multipart", "/api/intake/email/mailgun", "multipart/form-data; boundary=zz", "--zz\r\nbroken"u8.ToArray(), HttpStatusCode.BadRequest, "body" },
        { "mailgun without sender", "/api/intake/email/mailgun", "application/x-www-form-urlencoded", "subject=hi&body-plain=x"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "from" },
        { "unreadable MIME", "/api/intake/email/mime", "message/rfc822", "\0\0\0"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "from" },
        { "oversize", "/api/intake/email/mime", "message/rfc822", new byte[70_000], HttpStatusCode.RequestEntityTooLarge, "body" },
    };

    [Fact]
    public async Task Bad_email_input_is_a_problem_naming_what_was_wrong_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(new() { ["Intake:MaxEmailBodyBytes"] = "65536" });
        foreach (var row in EmailBadInput())
        {
            var (because, path, type, body, status, field) = ((string)row[0], (string)row[1], (string)row[2], (byte[])row[3], (HttpStatusCode)row[4], (string)row[5]);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var response = await app.Client.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{because}: expected {status}, got {response.StatusCode}: {text}");
            if (because != "unreadable MIME") await BadInputTests.AssertProblemAsync(response, status, field);
            else Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await app.CountLeadRowsAsync());
        Assert.Equal(0, await CountRawRowsAsync(app));
    }
}
