using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.Tests.Infrastructure;

/// <summary>
/// The real app, in standalone mode, on a real Kestrel listening on a free loopback port, against its own Azurite
/// account and the shared maildev. Several instances may share one account (<see cref="StartAsync"/> with a
/// connection string) to test competing consumers.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication _app;
    private bool _stopped;

    private TestApp(WebApplication app, string storage, string repEmail, HttpClient client)
    {
        _app = app;
        Storage = storage;
        RepEmail = repEmail;
        Client = client;
    }

    public string Storage { get; }
    public string RepEmail { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? storage = null,
        string? repEmail = null)
    {
        var dev = await DevServices.GetAsync();
        storage ??= await DevServices.NewStorageConnectionStringAsync();
        repEmail ??= $"rep-{Guid.NewGuid():N}@example.com";
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Auth:FunctionKey"] = FunctionKey,
            ["Auth:AdminKey"] = AdminKey,
            ["Mail:From"] = "leadintake@example.com",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = dev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Dispatch:DefaultRepEmail"] = repEmail,
            ["Dispatch:DefaultRepName"] = "Test Rep",
            ["Links:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Privacy:SuppressionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Intake:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Screening:ServiceMailbox"] = "service@example.com",
            ["Screening:HrMailbox"] = "hr@example.com",
            ["Screening:MarketingMailbox"] = "marketing@example.com",
            // Every test request comes from 127.0.0.1: one client fingerprint for all leads, a burst by construction.
            ["Screening:CountClientBursts"] = "false",
            // Fast queue settings for tests; the semantics are the same as with host.json's values.
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:DrainTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            // Every test client is 127.0.0.1: the per-client form rate limit is off unless a test sets it.
            ["Forms:RateLimitPerMinute"] = "0",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;

        var app = LeadIntakeApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        return new TestApp(app, storage, repEmail, client);
    }

    public T GetService<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public Task<HttpResponseMessage> PostFormAsync(object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/form") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Client.SendAsync(request);
    }

    public async Task<string> PostLeadAsync(object body)
    {
        using var response = await PostFormAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetLeadAsync(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{id}");
        request.Headers.Add("x-functions-key", AdminKey);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the lead until <paramref name="predicate"/> holds; returns the last view either way.</summary>
    public async Task<JsonElement> WaitForLeadAsync(string id, Func<JsonElement, bool> predicate, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var lead = await GetLeadAsync(id);
            if (predicate(lead) || TimeProvider.System.GetUtcNow() > deadline) return lead;
            await Task.Delay(100);
        }
    }

    public static bool IsNotified(JsonElement lead) => lead.TryGetProperty("repNotifiedAt", out _);

    public QueueClient RawQueue(string name) =>
        new(Storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    public TableClient Table(string name) => new(Storage, name);

    /// <summary>Rows of the Leads table that are leads (not events): a bad request must leave this at zero.</summary>
    public async Task<int> CountLeadRowsAsync()
    {
        int n = 0;
        await foreach (var _ in Table("Leads").QueryAsync<TableEntity>(filter: "Kind eq 'lead'", select: ["RowKey"])) n++;
        return n;
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
