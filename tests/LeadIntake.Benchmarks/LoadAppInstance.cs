using System.Globalization;
using Azure.Core;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Benchmarks;

/// <summary>
/// One instance of the real app in standalone mode, in this process, on a free loopback port: production queue
/// settings from host.json, the tests' settings otherwise (TestApp), and the transaction counter in every storage client.
/// </summary>
internal sealed class LoadAppInstance : IAsyncDisposable
{
    public const string AdminKey = "load-admin-key";
    private readonly WebApplication _app;

    private LoadAppInstance(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoadAppInstance> StartAsync(
        string storage, int smtpPort, string repEmail, string signingKey, LoadTransactionCounter counter, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = Settings(storage, smtpPort, repEmail, signingKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var app = LeadIntakeApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            // Replaces the app's own configurer: every storage client of this instance counts its transactions.
            builder.Services.AddSingleton(new ClientOptionsConfigurer().AddPolicy(counter, HttpPipelinePosition.PerRetry));
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromSeconds(60),
        };
        return new LoadAppInstance(app, client);
    }

    /// <summary>The app's settings for a load run: the tests' ones, production queue settings (host.json), no rate limit.</summary>
    public static Dictionary<string, string?> Settings(string storage, int smtpPort, string repEmail, string signingKey) => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["Auth:FunctionKey"] = "load-function-key",
        ["Auth:AdminKey"] = AdminKey,
        ["Mail:From"] = "leadintake@example.com",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Dispatch:DefaultRepEmail"] = repEmail,
        ["Dispatch:DefaultRepName"] = "Load Rep",
        ["Links:SigningKey"] = signingKey,
        ["Privacy:SuppressionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Intake:PublicBaseUrl"] = "http://127.0.0.1:7071",
        ["Screening:ServiceMailbox"] = "service@example.com",
        ["Screening:HrMailbox"] = "hr@example.com",
        ["Screening:MarketingMailbox"] = "marketing@example.com",
        // All load comes from 127.0.0.1: one client fingerprint for every lead would be a burst by construction.
        ["Screening:CountClientBursts"] = "false",
        ["Forms:RateLimitPerMinute"] = "0",
        ["Logging:LogLevel:Default"] = "Warning",
        // The load generator plays the reverse proxy (it connects from loopback and appends each sender's address to
        // X-Forwarded-For); an app that knows no Network:* setting ignores this.
        ["Network:TrustedProxies"] = "127.0.0.1",
        // Queue settings: host.json's production values (batchSize 16, newBatchThreshold 8, maxPollingInterval 2 s).
    };

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        Client.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
