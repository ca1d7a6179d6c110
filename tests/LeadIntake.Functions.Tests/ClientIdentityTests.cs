using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// Who the client is: the right-most X-Forwarded-For address that no trusted proxy wrote, one key for the form rate
/// limit and the screening fingerprint, and nothing a sender writes in the header itself believed.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ClientIdentityTests
{
    [Fact]
    public async Task A_forged_forwarded_for_rotated_on_every_post_is_limited_per_real_client()
    {
        // Nothing configured: standalone trusts no proxy, loopback included, so the header is the sender's own words.
        await using var app = await TestApp.StartAsync(new() { ["Forms:RateLimitPerMinute"] = "3" });

        var answers = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            using var response = await PostAsync(app, $"bot{i}@bulk.example", $"198.18.0.{i + 1}");
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, await app.CountLeadRowsAsync());
    }

    [Fact]
    public async Task A_trusted_proxy_header_is_honoured_and_what_the_client_wrote_before_it_is_not()
    {
        await using var app = await TestApp.StartAsync(new() { ["Forms:RateLimitPerMinute"] = "2", ["Network:TrustedProxies"] = "127.0.0.1" });

        // The proxy on loopback appends the bot's real address after the forged one the bot wrote: the bot is one client.
        var bot = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using var response = await PostAsync(app, $"bot{i}@bulk.example", $"198.18.0.{i + 1}, 203.0.113.66");
            bot.Add(response.StatusCode);
        }
        // Other visitors behind the same proxy are other clients, each with its own allowance.
        using var visitor = await PostAsync(app, "visitor@customer.example", "203.0.113.10");
        using var other = await PostAsync(app, "other@customer.example", "192.0.2.55");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], bot);
        Assert.Equal(HttpStatusCode.Accepted, visitor.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task The_screening_fingerprint_is_taken_from_the_same_client_as_the_rate_limit()
    {
        await using var app = await TestApp.StartAsync(new() { ["Network:TrustedProxies"] = "127.0.0.1" });

        var first = await IdOfAsync(await PostAsync(app, "a@customer.example", "198.18.0.1, 203.0.113.66"));
        var second = await IdOfAsync(await PostAsync(app, "b@customer.example", "198.18.0.2, 203.0.113.66"));
        var third = await IdOfAsync(await PostAsync(app, "c@customer.example", "203.0.113.10"));

        var expected = ClientSignals.From(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("203.0.113.66") } }).ClientFingerprint;
        Assert.NotNull(expected);
        Assert.Equal(expected, await FingerprintAsync(app, first));
        Assert.Equal(expected, await FingerprintAsync(app, second));
        Assert.NotEqual(expected, await FingerprintAsync(app, third));
    }

    [Fact]
    public async Task Without_a_trusted_proxy_every_lead_from_one_connection_has_one_fingerprint_whatever_its_header_says()
    {
        await using var app = await TestApp.StartAsync();

        var first = await IdOfAsync(await PostAsync(app, "a@customer.example", "198.18.0.1"));
        var second = await IdOfAsync(await PostAsync(app, "b@customer.example", "198.18.0.2"));

        Assert.Equal(await FingerprintAsync(app, first), await FingerprintAsync(app, second));
    }

    [Theory]
    [InlineData(false, "127.0.0.1", "198.18.0.1, 203.0.113.9", "127.0.0.1")]
    [InlineData(true, "127.0.0.1", "198.18.0.1, 203.0.113.9:51234", "203.0.113.9")]
    [InlineData(true, "127.0.0.1", "127.0.0.1, 203.0.113.9", "203.0.113.9")]
    [InlineData(true, "10.1.2.3", "198.18.0.1, 203.0.113.9", "10.1.2.3")]
    public async Task Functions_mode_trusts_only_the_host_on_loopback_and_standalone_trusts_no_one_by_default(
        bool functionsMode, string connection, string forwardedFor, string client)
    {
        Assert.Equal(client, (await ResolveAsync(new NetworkOptions(), functionsMode, connection, forwardedFor))?.ToString());
    }

    [Theory]
    [InlineData("10.0.0.4", null, null, "10.0.0.4", "198.18.0.1, 192.0.2.8, 203.0.113.9", "203.0.113.9")]
    [InlineData(null, "10.0.0.0/16, 203.0.113.0/24", null, "10.0.3.3", "198.18.0.1, 192.0.2.8, 203.0.113.9", "192.0.2.8")]
    [InlineData(null, null, 2, "100.100.7.7", "198.18.0.1, 192.0.2.8, 203.0.113.9", "192.0.2.8")]
    [InlineData("10.0.0.4", null, null, "10.9.9.9", "198.18.0.1, 203.0.113.9", "10.9.9.9")]
    public async Task The_client_is_the_right_most_address_no_trusted_proxy_wrote(
        string? proxies, string? networks, int? limit, string connection, string forwardedFor, string client)
    {
        var network = new NetworkOptions { TrustedProxies = proxies, TrustedNetworks = networks, ForwardLimit = limit };
        Assert.Equal(client, (await ResolveAsync(network, functionsMode: false, connection, forwardedFor))?.ToString());
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void An_ipv6_client_is_keyed_by_its_64_bit_prefix(string address, string key)
    {
        Assert.Equal(key, ClientAddress.KeyOf(IPAddress.Parse(address)));
    }

    private static async Task<IPAddress?> ResolveAsync(NetworkOptions network, bool functionsMode, string connection, string forwardedFor)
    {
        var options = new ForwardedHeadersOptions();
        ClientForwarding.Configure(options, network, functionsMode);
        IPAddress? seen = null;
        var middleware = new ForwardedHeadersMiddleware(context =>
        {
            seen = context.Connection.RemoteIpAddress;
            return Task.CompletedTask;
        }, NullLoggerFactory.Instance, Microsoft.Extensions.Options.Options.Create(options));
        var context = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(connection) } };
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        await middleware.Invoke(context);
        return seen;
    }

    private static Task<HttpResponseMessage> PostAsync(TestApp app, string email, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/form")
        {
            Content = JsonContent.Create(new { email, message = "Could you send me a quote for 20 sensors?", elapsedMs = 30_000 }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return app.Client.SendAsync(request);
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
    }

    private static async Task<string?> FingerprintAsync(TestApp app, string id)
    {
        var leadId = LeadId.Parse(id);
        var entity = (await app.Table(TableNames.Leads).GetEntityAsync<TableEntity>(LeadPartition.For(leadId), id)).Value;
        int chunks = entity.GetInt32("DataChunks") ?? 0;
        var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Data{i}")));
        return JsonSerializer.Deserialize<Lead>(json, LeadJson.Options)!.Captured.Signals.ClientFingerprint;
    }
}
