using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Tests.Infrastructure;
using static LeadIntake.Functions.Tests.Infrastructure.CaptureAssertions;

namespace LeadIntake.Functions.Tests.Privacy;

/// <summary>
/// Purposes, provenance and the notice on every channel, through the real app: form checkboxes and the notice link,
/// the email acknowledgement sent once by SMTP (and never to an auto-reply), the IVR notice on a call lead.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PrivacyCaptureTests
{
    private const string NoticeUrl = "https://www.fonderie-test.example/confidentialite";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Privacy:NoticeUrl"] = NoticeUrl,
        ["Privacy:NoticeVersion"] = "2026-11",
        ["Privacy:CallNotice"] = "ivr-accueil-rgpd-v3",
        ["Privacy:Purposes:0:Id"] = "request",
        ["Privacy:Purposes:0:Basis"] = "Contract",
        ["Privacy:Purposes:1:Id"] = "follow-up",
        ["Privacy:Purposes:1:Basis"] = "LegitimateInterest",
        ["Privacy:Purposes:1:OptOut"] = "true",
        ["Privacy:Purposes:2:Id"] = "newsletter",
        ["Privacy:Purposes:2:Basis"] = "Consent",
        ["Privacy:Purposes:2:ConsentTextVersion"] = "newsletter-v2",
    };

    [Fact]
    public async Task Form_records_each_purpose_with_its_checkbox_evidence_the_notice_and_an_unknown_page()
    {
        await using var app = await TestApp.StartAsync(Settings());

        using var response = await app.PostFormAsync(new Dictionary<string, string>
        {
            ["name"] = "Jeanne Martin",
            ["email"] = "jeanne.martin@fonderie-vosges.example",
            ["message"] = "Bonjour, un devis pour 40 capteurs s'il vous plaît.",
            ["consent"] = "true",
            ["consent_newsletter"] = "on",
            ["optout_follow_up"] = "true",
            ["utm_campaign"] = "salon-2026",
        });
        var id = await AssertCapturedAsync(response);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(NoticeUrl, answer.RootElement.GetProperty("privacyNotice").GetProperty("url").GetString());
        Assert.Equal("2026-11", answer.RootElement.GetProperty("privacyNotice").GetProperty("version").GetString());

        var lead = await LoadAsync(app, id);
        var privacy = lead.Captured.Privacy!;
        var purposes = privacy.Purposes.ToDictionary(p => p.Purpose);
        Assert.True(purposes["request"].Applies);
        Assert.Equal(LawfulBasis.Contract, purposes["request"].Basis);
        Assert.False(purposes["follow-up"].Applies);
        Assert.Contains("optout_follow-up", purposes["follow-up"].Evidence, StringComparison.Ordinal);
        Assert.True(purposes["newsletter"].Applies);
        Assert.Equal(("newsletter-v2", Channel.Form, lead.CapturedAt), (purposes["newsletter"].TextVersion, purposes["newsletter"].Channel, purposes["newsletter"].RecordedAt));
        Assert.Equal(new Provenance(Channel.Form, "web", Provenance.Unknown, "salon-2026"), privacy.Provenance);
        Assert.Equal(new NoticeRecord(NoticeKind.FormLink, "2026-11", NoticeUrl), privacy.Notice);
        // Today's single consent field keeps working as before, and the checkboxes are not stored as extra fields.
        Assert.True(lead.Captured.Consent!.Given);
        Assert.DoesNotContain(lead.Captured.ExtraFields.Keys, k => k.StartsWith("consent_", StringComparison.Ordinal) || k.StartsWith("optout_", StringComparison.Ordinal));

        // The API's lead view carries the same record.
        var view = await app.GetLeadAsync(id);
        Assert.Equal("unknown", view.GetProperty("privacy").GetProperty("provenance").GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Form_general_consent_alone_opts_nobody_into_the_newsletter()
    {
        await using var app = await TestApp.StartAsync(Settings());

        var id = await AssertCapturedAsync(await app.PostFormAsync(new
        {
            email = "paul.durand@atelier.example",
            message = "Pouvez-vous me rappeler ?",
            consent = "true",
            page = "https://www.fonderie-test.example/contact",
        }));

        var privacy = (await LoadAsync(app, id)).Captured.Privacy!;
        var newsletter = Assert.Single(privacy.Purposes, p => p.Purpose == "newsletter");
        Assert.False(newsletter.Applies);
        Assert.True(Assert.Single(privacy.Purposes, p => p.Purpose == "follow-up").Applies);
        Assert.Equal("https://www.fonderie-test.example/contact", privacy.Provenance.Origin);
    }

    [Fact]
    public async Task Email_lead_gets_one_acknowledgement_with_the_notice_and_an_auto_reply_gets_none()
    {
        await using var app = await TestApp.StartAsync(Settings());
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var person = $"jeanne.{tag}@fonderie-vosges.example";
        var robot = $"absence.{tag}@fonderie-vosges.example";

        var messageId = $"{tag}@mail.example";
        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/sendgrid", SendGrid(person, messageId, autoReply: false)));
        // The provider delivers the same message again: the same lead, no second acknowledgement.
        await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/sendgrid", SendGrid(person, messageId, autoReply: false)), HttpStatusCode.OK);
        var autoId = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/email/sendgrid", SendGrid(robot, $"auto-{tag}@mail.example", autoReply: true)));
        await PipelineDrain.UntilIdleAsync(app);

        var ack = Assert.Single(await mail.ToAsync(person));
        Assert.Equal("Nous avons bien reçu votre demande", ack.Subject);
        Assert.Contains(NoticeUrl, ack.Text, StringComparison.Ordinal);
        Assert.Contains(id, ack.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("compresseurs", ack.Text, StringComparison.Ordinal);
        Assert.Empty(await mail.ToAsync(robot));
        var autoReply = await LoadAsync(app, autoId);
        Assert.True(autoReply.Captured.Signals.AutoReply);
        Assert.NotEqual(LeadStatus.Captured, autoReply.Status);
        Assert.Equal(new NoticeRecord(NoticeKind.AcknowledgementMail, "2026-11", NoticeUrl), (await LoadAsync(app, id)).Captured.Privacy!.Notice);
        Assert.Equal("leads@parse.example.com", (await LoadAsync(app, id)).Captured.Privacy!.Provenance.Origin);
    }

    [Fact]
    public async Task Call_lead_records_the_ivr_notice_the_caller_heard_and_the_number_called()
    {
        await using var app = await TestApp.StartAsync(Settings());
        var body = $$"""{ "callId": "pbx-{{Guid.NewGuid():N}}", "from": "+33612457890", "to": "+33176540000", "durationSec": 0, "status": "no-answer", "startedAt": "2026-01-01T10:00:00Z" }""";

        var id = await AssertCapturedAsync(await app.Client.PostAsync("/api/intake/call/generic", new StringContent(body, Encoding.UTF8, "application/json")));

        var privacy = (await LoadAsync(app, id)).Captured.Privacy!;
        Assert.Equal(new NoticeRecord(NoticeKind.CallMessage, "2026-11", "ivr-accueil-rgpd-v3"), privacy.Notice);
        Assert.Equal(new Provenance(Channel.Call, "generic", "+33176540000", Provenance.Unknown), privacy.Provenance);
    }

    [Fact]
    public async Task A_purpose_with_a_bad_id_stops_the_app_naming_its_key()
    {
        var settings = Settings();
        settings["Privacy:Purposes:1:Id"] = "Follow Up!";

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(settings));

        Assert.Contains("Privacy:Purposes:1:Id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_url_that_is_not_a_web_address_stops_the_app_naming_its_key()
    {
        var settings = Settings();
        settings["Privacy:NoticeUrl"] = "javascript:alert(1)";

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(settings));

        Assert.Contains("Privacy:NoticeUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_privacy_settings_as_in_the_sample_start_the_app_with_no_notice()
    {
        await using var app = await TestApp.StartAsync(new() { ["Privacy:NoticeUrl"] = "", ["Privacy:NoticeVersion"] = "", ["Privacy:CallNotice"] = "" });

        using var response = await app.PostFormAsync(new { email = "sample@example.com", message = "Un devis." });
        var id = await AssertCapturedAsync(response);

        Assert.DoesNotContain("privacyNotice", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NoticeKind.None, (await LoadAsync(app, id)).Captured.Privacy!.Notice.Kind);
    }

    private static MultipartFormDataContent SendGrid(string from, string messageId, bool autoReply)
    {
        var headers = $"Message-ID: <{messageId}>\r\nSubject: Demande de devis\r\nFrom: Jeanne Dupont <{from}>\r\n" + (autoReply ? "Auto-Submitted: auto-replied\r\n" : "");
        return new MultipartFormDataContent("xYzZY")
        {
            { new StringContent($"Jeanne Dupont <{from}>"), "from" },
            { new StringContent("leads@parse.example.com"), "to" },
            { new StringContent(autoReply ? "Absence du bureau" : "Demande de devis"), "subject" },
            { new StringContent($"{{\"to\":[\"leads@parse.example.com\"],\"from\":\"{from}\"}}"), "envelope" },
            { new StringContent(headers), "headers" },
            { new StringContent(autoReply
                ? "Je suis absente jusqu'au 5 janvier et n'aurai pas accès à mes e-mails."
                : "Bonjour, pouvez-vous nous envoyer un devis pour équiper nos quatre compresseurs de capteurs ?"), "text" },
            { new StringContent("{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"utf-8\"}"), "charsets" },
            { new StringContent("0.1"), "spam_score" },
        };
    }
}
