using System.Collections.Concurrent;
using System.Net;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Dispatch;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// Rep link tokens and keys are credentials: a whole rep journey (mail link GET, accept POST, BANT form) and admin
/// calls with the key in the query and in the header run with debug logging captured, and no secret may show.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_rep_link_token_function_key_or_verify_token_reaches_the_logs_during_a_rep_journey()
    {
        var capture = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(
            settings: new() { ["Logging:LogLevel:Default"] = "Debug", ["Meta:VerifyToken"] = "meta-verify-secret-0001" },
            services: s => s.AddSingleton<ILoggerProvider>(capture));
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        var id = await app.PostLeadAsync(new { name = "Sophie Garnier", email = "s.garnier@fonderie.example", company = "Fonderie", message = "Pouvez-vous nous faire une proposition chiffrée ?" });
        var repMail = Assert.Single(await mail.WaitAsync(app.RepEmail, 1, TimeSpan.FromSeconds(15)));
        var links = RepLinkReader.Links(repMail.Html);
        using (var get = await app.Client.GetAsync(links["accept"])) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var post = await app.Client.PostAsync(links["accept"], new FormUrlEncodedContent([]))) Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        using (var form = await app.Client.GetAsync(links["qualify"])) Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using (var bant = await app.Client.PostAsync(links["qualify"], new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["budget_amount"] = "25 000", ["currency"] = "EUR", ["authority"] = "decision_maker", ["role"] = "plant manager",
            ["need"] = "Castings for a new press line", ["timing_horizon"] = "within_quarter",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, bant.StatusCode);
        }
        using (var byQuery = await app.Client.GetAsync($"/api/leads/{id}?code={TestApp.AdminKey}")) Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
        byHeader.Headers.Add("x-functions-key", TestApp.AdminKey);
        using (var answer = await app.Client.SendAsync(byHeader)) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using (var echo = await app.Client.GetAsync("/api/intake/social/meta?hub.mode=subscribe&hub.challenge=42&hub.verify_token=meta-verify-secret-0001"))
        {
            Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        }

        var secrets = links.Values.Select(TokenOf).Append(TestApp.AdminKey).Append("meta-verify-secret-0001").ToList();
        var lines = capture.Lines.ToList();
        // The request log ran, and showed the links with their token masked: the test sees what an operator would.
        Assert.Contains(lines, l => l.Contains("/accept?t=" + SecretRedaction.Mask, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("code=" + SecretRedaction.Mask, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal) || l.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/api/rep/leads/01J/accept?t=abc.def-ghi - - -", "Request starting HTTP/1.1 GET http://h/api/rep/leads/01J/accept?t=*** - - -")]
    [InlineData("GET /api/leads/1?x=1&code=KEY&y=2", "GET /api/leads/1?x=1&code=***&y=2")]
    [InlineData("?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=1", "?hub.mode=subscribe&hub.verify_token=***&hub.challenge=1")]
    [InlineData("x-functions-key: abc123", "x-functions-key: ***")]
    [InlineData("{\"x-functions-key\":[\"abc123\"]}", "{\"x-functions-key\":[\"***\"]}")]
    [InlineData("?format=t&at=1&batch=2", "?format=t&at=1&batch=2")]
    public void Credentials_are_masked_and_other_values_kept(string line, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(line));

    private static string TokenOf(string pathAndQuery) =>
        Uri.UnescapeDataString(pathAndQuery[(pathAndQuery.IndexOf("?t=", StringComparison.Ordinal) + 3)..].Split('&')[0]);

    /// <summary>Every log line the app writes, as text: category, message, structured values and exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
