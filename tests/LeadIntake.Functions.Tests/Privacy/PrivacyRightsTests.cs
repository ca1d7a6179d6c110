using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Tests.Console;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Tests.Privacy;

/// <summary>
/// Access and portability, the record of processing, the residency warning and the proof log of cockpit views,
/// through the real app (Azurite, Kestrel, maildev).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PrivacyRightsTests
{
    private static HttpRequestMessage Admin(HttpMethod method, string path, object? body = null, string? accept = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", TestApp.AdminKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    private static async Task<List<PrivacyLogEntry>> ProofLogAsync(TestApp app)
    {
        var entries = new List<PrivacyLogEntry>();
        await foreach (var entry in app.GetService<IPrivacyLog>().ReadAsync(TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1), CancellationToken.None)) entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task Access_export_finds_every_lead_of_the_person_by_email_or_phone_with_events_mails_and_purposes()
    {
        await using var app = await TestApp.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"claire.{tag}@fonderie-vosges.example";
        var first = await app.PostLeadAsync(new { name = "Claire Petit", email, phone = "06 12 34 56 78", message = "Un devis pour 40 capteurs, merci.", consent_newsletter = "true" });
        var second = await app.PostLeadAsync(new { name = "Claire Petit", email = email.ToUpperInvariant(), message = "Et aussi pour le logiciel de suivi." });
        var stranger = await app.PostLeadAsync(new { name = "Autre Personne", email = $"autre.{tag}@example.com", message = "Un devis aussi." });
        await PipelineDrain.UntilIdleAsync(app);

        using var byEmail = await app.Client.SendAsync(Admin(HttpMethod.Post, "/api/privacy/access", new { email }));
        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        var text = await byEmail.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("leadCount").GetInt32());
        var leads = root.GetProperty("leads").EnumerateArray().ToList();
        Assert.Equal([first, second], leads.Select(l => l.GetProperty("lead").GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList());
        Assert.DoesNotContain(stranger, text, StringComparison.Ordinal);
        var firstLead = leads.Single(l => l.GetProperty("lead").GetProperty("id").GetString() == first);
        Assert.Contains(firstLead.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "screened");
        Assert.Contains(firstLead.GetProperty("privacy").GetProperty("purposes").EnumerateArray(),
            p => p.GetProperty("purpose").GetString() == "newsletter" && p.GetProperty("applies").GetBoolean());
        Assert.Contains(firstLead.GetProperty("mails").EnumerateArray(), m => m.GetProperty("purpose").GetString() == "routed-lead" || m.GetProperty("to").GetString() == app.RepEmail);
        Assert.Equal("Un devis pour 40 capteurs, merci.", firstLead.GetProperty("lead").GetProperty("captured").GetProperty("message").GetString());

        // The phone, written nationally, is normalised as screening does and finds the lead that gave it.
        using var byPhone = await app.Client.SendAsync(Admin(HttpMethod.Post, "/api/privacy/access", new { phone = "+33 6 12 34 56 78" }));
        using var phoneJson = JsonDocument.Parse(await byPhone.Content.ReadAsStringAsync());
        Assert.Equal(first, Assert.Single(phoneJson.RootElement.GetProperty("leads").EnumerateArray()).GetProperty("lead").GetProperty("id").GetString());

        var log = await ProofLogAsync(app);
        Assert.Contains(log, e => e.Action == PrivacyAction.AccessExported && e.Records == 2 && e.RequestId == root.GetProperty("exportId").GetString());
        Assert.DoesNotContain(log, e => $"{e.RequestedBy}{e.Operator}{e.Detail}{e.RequestId}".Contains(tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Access_export_as_html_is_readable_encoded_and_scriptless()
    {
        await using var app = await TestApp.StartAsync();
        var email = $"hostile.{Guid.NewGuid():N}@example.com";
        await app.PostLeadAsync(new { name = "<script>alert(1)</script>", email, message = "<img src=x onerror=alert(2)> un devis" });
        await PipelineDrain.UntilIdleAsync(app);

        using var response = await app.Client.SendAsync(Admin(HttpMethod.Post, "/api/privacy/access", new { email }, accept: "text/html"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        // Screening capitalises names; the page shows them as text either way.
        Assert.Contains("&lt;Script&gt;Alert(1)&lt;/Script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; un devis", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(email), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_export_of_an_unknown_person_is_200_with_no_lead()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.SendAsync(Admin(HttpMethod.Post, "/api/privacy/access", new { email = $"nobody.{Guid.NewGuid():N}@example.com", phone = "+33 1 23 45 67 89" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("leadCount").GetInt32());
        Assert.Empty(json.RootElement.GetProperty("leads").EnumerateArray());
        Assert.Contains(await ProofLogAsync(app), e => e.Action == PrivacyAction.AccessExported && e.Records == 0);
    }

    public static TheoryData<string, HttpStatusCode, string> MalformedAccessRequests() => new()
    {
        { """{"email":"not-an-address"}""", HttpStatusCode.UnprocessableEntity, "email" },
        { """{"phone":"call me maybe"}""", HttpStatusCode.UnprocessableEntity, "phone" },
        { """{"email":42}""", HttpStatusCode.UnprocessableEntity, "email" },
        { """{}""", HttpStatusCode.UnprocessableEntity, "email" },
        { """[1,2]""", HttpStatusCode.UnprocessableEntity, "body" },
        { """{"email":""", HttpStatusCode.BadRequest, "body" },
    };

    [Theory]
    [MemberData(nameof(MalformedAccessRequests))]
    public async Task Access_request_that_is_malformed_is_refused_naming_the_field(string body, HttpStatusCode status, string field)
    {
        await using var app = await TestApp.StartAsync();
        var request = Admin(HttpMethod.Post, "/api/privacy/access");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, json.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Access_and_record_need_the_admin_key()
    {
        await using var app = await TestApp.StartAsync();

        using var access = await app.Client.PostAsJsonAsync("/api/privacy/access", new { email = "a@example.com" });
        using var record = await app.Client.GetAsync("/api/privacy/record");

        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, record.StatusCode);
    }

    [Fact]
    public async Task Record_of_processing_lists_purposes_processors_transfers_and_retention_from_configuration()
    {
        await using var app = await TestApp.StartAsync(new()
        {
            ["Twilio:AuthToken"] = "test-twilio-token",
            ["Privacy:Processors:Twilio:Region"] = "US",
            ["Privacy:Processors:Twilio:Safeguard"] = "Standard contractual clauses (2021/914)",
            ["Privacy:Processors:Azure:Region"] = "francecentral",
            ["Privacy:Processors:Smtp:Region"] = "EU",
            ["Privacy:Retention:Spam"] = "14",
        });

        using var response = await app.Client.SendAsync(Admin(HttpMethod.Get, "/api/privacy/record"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["request", "follow-up", "newsletter"], root.GetProperty("purposes").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList());
        Assert.Equal("Art. 6(1)(f)", root.GetProperty("purposes")[1].GetProperty("article").GetString());
        var processors = root.GetProperty("processors").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("region").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Azure"] = "francecentral", ["Smtp"] = "EU", ["Twilio"] = "US" }, processors);
        var transfer = Assert.Single(root.GetProperty("transfers").EnumerateArray());
        Assert.Equal(("Twilio", "Standard contractual clauses (2021/914)"), (transfer.GetProperty("processor").GetString(), transfer.GetProperty("safeguard").GetString()));
        var retention = root.GetProperty("retention").EnumerateArray().ToDictionary(r => r.GetProperty("class").GetString()!, r => r);
        Assert.Equal(14, retention["spam"].GetProperty("days").GetInt32());
        Assert.Equal(1095, retention["prospects"].GetProperty("days").GetInt32());
        Assert.Contains("CNIL", retention["prospects"].GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Twilio", StringComparison.Ordinal));
        Assert.NotEmpty(root.GetProperty("securityMeasures").EnumerateArray());
    }

    [Fact]
    public async Task Record_of_processing_as_html_is_a_readable_page()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.SendAsync(Admin(HttpMethod.Get, "/api/privacy/record", accept: "text/html"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h2>Purposes and lawful bases</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Art. 6(1)(a)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_warns_about_a_processor_outside_the_eu_when_residency_is_eu()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(
            new() { ["Mailgun:SigningKey"] = "test-mailgun-key", ["Privacy:Processors:Mailgun:Region"] = "US" },
            services: s => s.AddSingleton<ILoggerProvider>(capture));

        Assert.Contains(capture.Lines, l => l.Level == LogLevel.Warning && l.EventId == 9102 && l.Text.Contains("Mailgun", StringComparison.Ordinal) && l.Text.Contains("US", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_does_not_warn_when_residency_is_none()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(
            new() { ["Mailgun:SigningKey"] = "test-mailgun-key", ["Privacy:Processors:Mailgun:Region"] = "US", ["Privacy:DataResidency"] = "None" },
            services: s => s.AddSingleton<ILoggerProvider>(capture));

        Assert.DoesNotContain(capture.Lines, l => l.EventId == 9102);
    }

    [Fact]
    public async Task Opening_a_lead_in_the_console_writes_a_personal_data_viewed_entry_naming_the_operator()
    {
        await using var app = await TestApp.StartAsync();
        var id = await app.PostLeadAsync(new { name = "Vue Console", email = $"vue.{Guid.NewGuid():N}@example.com", message = "Un devis." });
        using var console = await ConsoleClient.SignInAsync(app);

        using var page = await console.Http.GetAsync($"/api/console/leads/{id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var entry = Assert.Single(await ProofLogAsync(app), e => e.Action == PrivacyAction.PersonalDataViewed && e.RequestId == id);
        Assert.Equal(("console", "admin", 1), (entry.RequestedBy, entry.Operator, entry.Records));
    }

    private sealed record LogLine(LogLevel Level, int EventId, string Text);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(new LogLine(logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
