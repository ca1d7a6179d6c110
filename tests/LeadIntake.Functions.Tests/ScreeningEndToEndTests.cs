using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class ScreeningEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private const string QuoteRequest = "Bonjour, pouvez-vous nous envoyer un devis pour équiper nos quatre compresseurs de capteurs ?";

    private static (Dictionary<string, string?> Settings, string Service, string Hr, string Marketing) Mailboxes()
    {
        var tag = Guid.NewGuid().ToString("N");
        var (service, hr, marketing) = ($"service-{tag}@example.com", $"hr-{tag}@example.com", $"marketing-{tag}@example.com");
        return (new() { ["Screening:ServiceMailbox"] = service, ["Screening:HrMailbox"] = hr, ["Screening:MarketingMailbox"] = marketing }, service, hr, marketing);
    }

    private static string Status(JsonElement lead) => lead.GetProperty("status").GetString()!;

    private static List<string> Reasons(JsonElement lead) =>
        lead.GetProperty("screening").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();

    private static List<string?> EventTypes(JsonElement lead) =>
        lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

    [Fact]
    public async Task Spam_service_hr_and_sales_leads_each_end_where_screening_sends_them_with_reasons()
    {
        var boxes = Mailboxes();
        await using var app = await TestApp.StartAsync(boxes.Settings);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        var spam = await app.PostLeadAsync(new
        {
            name = "Best Seo",
            email = "offers@rank-boost.example",
            website = "http://rank-boost.example",
            message = "Cheap backlinks and guaranteed first page of Google! Casino bonus, crypto investment with 300% return.",
        });
        var service = await app.PostLeadAsync(new
        {
            firstName = "marc",
            lastName = "DUVAL",
            email = "m.duval@boulangerie-duval.example",
            subject = "Facture de mars",
            message = "Bonjour, notre facture de mars est erronée : nous avons été facturés deux fois. Merci de corriger.",
        });
        var hr = await app.PostLeadAsync(new
        {
            name = "Léa Martin",
            email = "lea.martin@mail.example",
            message = "Bonjour, je vous adresse ma candidature spontanée pour un stage de technicienne de maintenance. Vous trouverez mon CV en pièce jointe.",
        });
        var sales = await app.PostLeadAsync(new
        {
            name = "Daniel Okafor",
            email = "dokafor@northbridge.example",
            phone = "+44 20 7946 0958",
            message = "Could you send us a quote for 40 vibration sensors and the monitoring software?",
        });

        var spamLead = await app.WaitForLeadAsync(spam, l => Status(l) != "captured", Wait);
        Assert.Equal("spam", Status(spamLead));
        Assert.Equal("spam", spamLead.GetProperty("intent").GetString());
        Assert.Contains(Reasons(spamLead), r => r.Contains("honeypot", StringComparison.Ordinal));
        Assert.True(spamLead.GetProperty("screening").GetProperty("spamScore").GetDouble() >= 5);
        Assert.True(spamLead.GetProperty("signals").GetProperty("honeypotFilled").GetBoolean());

        var serviceLead = await app.WaitForLeadAsync(service, l => Status(l) != "captured", Wait);
        Assert.Equal("routed_service", Status(serviceLead));
        Assert.NotEmpty(Reasons(serviceLead));
        Assert.Equal("fr", serviceLead.GetProperty("screening").GetProperty("language").GetString());
        Assert.False(serviceLead.GetProperty("screening").GetProperty("hasPhone").GetBoolean());
        Assert.False(string.IsNullOrEmpty(serviceLead.GetProperty("screening").GetProperty("rulesVersion").GetString()));
        // Normalised contact on the lead, the typed one kept beside it.
        Assert.Equal("Marc", serviceLead.GetProperty("contact").GetProperty("firstName").GetString());
        Assert.Equal("marc", serviceLead.GetProperty("originalContact").GetProperty("firstName").GetString());
        var serviceMail = Assert.Single(await mail.WaitAsync(boxes.Service, 1, Wait));
        Assert.Equal(["m.duval@boulangerie-duval.example"], serviceMail.ReplyTo);
        Assert.Contains("facturés deux fois", serviceMail.Text);
        Assert.Contains("Facture de mars", serviceMail.Subject);

        var hrLead = await app.WaitForLeadAsync(hr, l => Status(l) != "captured", Wait);
        Assert.Equal("routed_hr", Status(hrLead));
        Assert.NotEmpty(Reasons(hrLead));
        var hrMail = Assert.Single(await mail.WaitAsync(boxes.Hr, 1, Wait));
        Assert.Equal(["lea.martin@mail.example"], hrMail.ReplyTo);

        var salesLead = await app.WaitForLeadAsync(sales, TestApp.IsNotified, Wait);
        Assert.Equal("assigned", Status(salesLead));
        Assert.Equal("commercial", salesLead.GetProperty("intent").GetString());
        Assert.True(salesLead.GetProperty("screening").GetProperty("hasPhone").GetBoolean());
        Assert.Equal("+442079460958", salesLead.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Contains(Reasons(salesLead), r => r.Contains("phone number", StringComparison.Ordinal));

        await PipelineDrain.UntilIdleAsync(app);
        Assert.Empty(await mail.ToAsync(boxes.Marketing));
    }

    [Fact]
    public async Task A_redelivered_screen_message_sends_no_second_routing_mail()
    {
        var boxes = Mailboxes();
        await using var app = await TestApp.StartAsync(boxes.Settings);
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            email = "compta@garage-lefevre.example",
            message = "Bonjour, nous n'avons toujours pas reçu le remboursement de la facture 2291, le paiement a été débité deux fois.",
        });
        await app.WaitForLeadAsync(id, l => Status(l) == "routed_service", Wait);
        Assert.Single(await mail.WaitAsync(boxes.Service, 1, Wait));

        await app.GetService<IPipelineQueue>().EnqueueAsync(PipelineQueue.Captured, LeadId.Parse(id), CancellationToken.None);
        await app.GetService<IPipelineQueue>().EnqueueAsync(PipelineQueue.Captured, LeadId.Parse(id), CancellationToken.None);
        await PipelineDrain.UntilIdleAsync(app);

        Assert.Single(await mail.ToAsync(boxes.Service));
        var lead = await app.GetLeadAsync(id);
        Assert.Single(EventTypes(lead), t => t == "screened");
    }

    [Fact]
    public async Task A_released_lead_is_screened_again_without_the_spam_verdict_and_dispatched()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(new
        {
            name = "Julie Moreau",
            email = "j.moreau@chaudronnerie-alpes.example",
            website = "autofill",
            message = QuoteRequest,
        });
        var quarantined = await app.WaitForLeadAsync(id, l => Status(l) != "captured", Wait);
        Assert.Equal("spam", Status(quarantined));
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Empty(await mail.ToAsync(app.RepEmail));

        using var release = await AdminPostAsync(app, $"/api/leads/{id}/release", new { reason = "autofill by a password manager" });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);

        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, Wait);
        Assert.Equal("assigned", Status(lead));
        Assert.Equal("commercial", lead.GetProperty("intent").GetString());
        Assert.True(lead.GetProperty("releasedFromQuarantine").GetBoolean());
        Assert.Contains(Reasons(lead), r => r.Contains("released from quarantine", StringComparison.Ordinal));
        var released = Assert.Single(lead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "released");
        Assert.Equal("admin", released.GetProperty("actor").GetString());
        Assert.Contains("password manager", released.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["captured", "screened", "released", "screened", "assigned", "rep_notified"], EventTypes(lead));
        Assert.Single(await mail.WaitAsync(app.RepEmail, 1, Wait));

        using var again = await AdminPostAsync(app, $"/api/leads/{id}/release", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var unknown = await AdminPostAsync(app, $"/api/leads/{LeadId.New(TimeProvider.System.GetUtcNow()).Value}/release", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await app.Client.PostAsync($"/api/leads/{id}/release", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_known_contacts_second_lead_is_attached_as_a_touch_and_the_rep_is_mailed_once()
    {
        await using var app = await TestApp.StartAsync();
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var first = await app.PostLeadAsync(new { name = "Sophie Garnier", email = "s.garnier@fonderie.example", message = QuoteRequest });
        await app.WaitForLeadAsync(first, TestApp.IsNotified, Wait);

        var second = await app.PostLeadAsync(new
        {
            name = "Sophie Garnier",
            email = "S.Garnier@Fonderie.example",
            message = "Bonjour, pourriez-vous aussi chiffrer la maintenance annuelle de ces capteurs ?",
        });
        var attached = await app.WaitForLeadAsync(second, l => Status(l) != "captured", Wait);
        var open = await app.WaitForLeadAsync(first, l => l.GetProperty("touches").GetArrayLength() > 0, Wait);

        Assert.Equal("lost", Status(attached));
        Assert.Equal("duplicate", attached.GetProperty("lostReason").GetString());
        Assert.Equal("commercial", attached.GetProperty("intent").GetString());
        Assert.Equal(first, attached.GetProperty("attachedTo").GetString());
        Assert.Contains("attached_to", EventTypes(attached));
        Assert.Equal("assigned", Status(open));
        Assert.Equal([second], open.GetProperty("touches").EnumerateArray().Select(t => t.GetString()).ToList());
        var touch = Assert.Single(open.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "touch");
        Assert.Equal(second, touch.GetProperty("detail").GetString());

        await PipelineDrain.UntilIdleAsync(app);
        Assert.Single(await mail.ToAsync(app.RepEmail));
    }

    [Fact]
    public async Task A_rules_file_overrides_the_shipped_rules_and_a_broken_edit_keeps_the_last_good_ones()
    {
        var path = Path.Combine(Path.GetTempPath(), $"screening-rules-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, RulesWith(threshold: 50, version: "test-lenient"));
            await using var app = await TestApp.StartAsync(new() { ["Screening:RulesFile"] = path });

            // A honeypot alone (5 points) is spam with the shipped threshold of 5, not with 50.
            var lenient = await app.PostLeadAsync(new { email = "j.moreau@chaudronnerie-alpes.example", website = "x", message = QuoteRequest });
            var lead = await app.WaitForLeadAsync(lenient, l => Status(l) != "captured", Wait);
            Assert.Equal("test-lenient", lead.GetProperty("screening").GetProperty("rulesVersion").GetString());
            Assert.NotEqual("spam", Status(lead));

            File.WriteAllText(path, "{ \"version\": ");
            File.SetLastWriteTimeUtc(path, DateTime.SpecifyKind(new DateTime(2030, 1, 1), DateTimeKind.Utc));
            var afterBrokenEdit = await app.PostLeadAsync(new { email = "p.roux@menuiserie-roux.example", website = "x", message = QuoteRequest });
            lead = await app.WaitForLeadAsync(afterBrokenEdit, l => Status(l) != "captured", Wait);
            Assert.Equal("test-lenient", lead.GetProperty("screening").GetProperty("rulesVersion").GetString());

            File.WriteAllText(path, RulesWith(threshold: 5, version: "test-strict"));
            File.SetLastWriteTimeUtc(path, DateTime.SpecifyKind(new DateTime(2031, 1, 1), DateTimeKind.Utc));
            var strict = await app.PostLeadAsync(new { email = "a.petit@scierie-jura.example", website = "x", message = QuoteRequest });
            lead = await app.WaitForLeadAsync(strict, l => Status(l) != "captured", Wait);
            Assert.Equal("test-strict", lead.GetProperty("screening").GetProperty("rulesVersion").GetString());
            Assert.Equal("spam", Status(lead));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_burst_from_one_contact_is_counted_from_the_contacts_table_and_quarantined()
    {
        await using var app = await TestApp.StartAsync(new() { ["Screening:CountClientBursts"] = "true" });
        var ids = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            ids.Add(await app.PostLeadAsync(new { email = "flood@repeat-sender.example", message = $"{QuoteRequest} ({i})" }));
            await app.WaitForLeadAsync(ids[^1], l => Status(l) != "captured", Wait);
        }

        var last = await app.GetLeadAsync(ids[^1]);
        Assert.Equal("spam", Status(last));
        Assert.Contains(Reasons(last), r => r.Contains("11 other recent submissions from the same contact", StringComparison.Ordinal));
        Assert.Contains(Reasons(last), r => r.Contains("other recent submissions from the same client address", StringComparison.Ordinal));
        int rows = 0;
        await foreach (var row in app.Table("Contacts").QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows++;
            Assert.DoesNotContain("repeat-sender", row.PartitionKey, StringComparison.Ordinal);
        }
        Assert.Equal(24, rows); // an email key and a client key per lead
    }

    [Fact]
    public async Task An_allow_list_change_applies_to_the_next_lead_without_a_restart()
    {
        await using var app = await TestApp.StartAsync();
        var form = new { email = "ops@partner-mailer.example", website = "filled-by-their-crm", message = QuoteRequest };
        var before = await app.PostLeadAsync(form);
        Assert.Equal("spam", Status(await app.WaitForLeadAsync(before, l => Status(l) != "captured", Wait)));

        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)app.GetService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["Screening:AllowList"] = "someone@else.example, partner-mailer.example";
        configuration.Reload();
        var after = await app.PostLeadAsync(form);
        var lead = await app.WaitForLeadAsync(after, l => Status(l) != "captured", Wait);

        Assert.NotEqual("spam", Status(lead));
        Assert.Contains(Reasons(lead), r => r.Contains("allow-listed (partner-mailer.example)", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_signals_survive_storage()
    {
        var captured = new CapturedLead
        {
            Channel = Channel.Email,
            Provider = "sendgrid",
            Contact = new Contact { Email = "a@b.example" },
            Signals = AntiBotSignals.None with { ProviderSpamScore = 7.5, AutoReply = true, ClientFingerprint = "ABC123", TimeToSubmit = TimeSpan.FromSeconds(3) },
        };
        var lead = Lead.Capture(captured, LeadId.New(TimeProvider.System.GetUtcNow()), TimeProvider.System.GetUtcNow()).Lead;

        var json = JsonSerializer.Serialize(lead, LeadIntake.Functions.Storage.LeadJson.Options);
        var back = JsonSerializer.Deserialize<Lead>(json, LeadIntake.Functions.Storage.LeadJson.Options)!;

        Assert.Equal(lead.Captured.Signals, back.Captured.Signals);
    }

    [Theory]
    [InlineData("Screening:ServiceMailbox", "", "Screening:ServiceMailbox")]
    [InlineData("Screening:HrMailbox", "not-an-email", "Screening:HrMailbox")]
    [InlineData("Screening:RulesFile", "/nonexistent/rules.json", "Screening:RulesFile")]
    [InlineData("Screening:DefaultPhoneRegion", "France", "Screening:DefaultPhoneRegion")]
    public async Task A_wrong_screening_setting_stops_the_app_naming_the_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(settings: new() { [key] = value }));
        Assert.Contains(named, string.Join(" ", error.Failures) + error.Message, StringComparison.Ordinal);
    }

    private static string RulesWith(double threshold, string version)
    {
        var shipped = Path.Combine(RepositoryRoot.Find()!, "src", "LeadIntake.Core", "Screening", "Rules", "screening-rules.json");
        var rules = JsonNode.Parse(File.ReadAllText(shipped), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        rules["version"] = version;
        rules["spam"]!["threshold"] = threshold;
        return rules.ToJsonString();
    }

    private static Task<HttpResponseMessage> AdminPostAsync(TestApp app, string path, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        return app.Client.SendAsync(request);
    }
}
