using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Dispatch:DefaultRepEmail", "not-an-email", "Dispatch:DefaultRepEmail")]
    [InlineData("Mail:Smtp:Port", "70000", "Mail:Smtp:Port")]
    [InlineData("Auth:AdminKey", "", "Auth:AdminKey")]
    [InlineData("AzureFunctionsJobHost:extensions:queues:batchSize", "64", "BatchSize")]
    [InlineData("AzureFunctionsJobHost:extensions:queues:messageEncoding", "utf16", "messageEncoding")]
    [InlineData("Intake:SweepAfter", "2.00:00:00", "Intake:SweepAfter")]
    [InlineData("Network:TrustedProxies", "10.0.0.4, proxy.internal", "Network:TrustedProxies")]
    [InlineData("Network:TrustedNetworks", "10.0.0.0/33", "Network:TrustedNetworks")]
    [InlineData("Network:ForwardLimit", "0", "Network:ForwardLimit")]
    public async Task A_wrong_setting_stops_the_app_with_a_message_naming_the_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(settings: new() { [key] = value }));
        Assert.Contains(named, string.Join(" ", error.Failures) + error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(settings: new() { ["Intake:SweepAfter"] = "soon" }));
        Assert.Contains("Intake:SweepAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_local_settings_start_the_app_as_they_are()
    {
        var root = LeadIntake.Functions.Hosting.RepositoryRoot.Find()!;
        var sample = LeadIntake.Functions.Hosting.FunctionsConfiguration.ReadLocalSettings(Path.Combine(root, "local.settings.sample.json"));
        Assert.Contains(sample, p => p.Key == "Auth:AdminKey");
        Assert.DoesNotContain(sample, p => string.IsNullOrEmpty(p.Value));

        // Every value of the sample, except where storage and mail are (this run's Azurite account and maildev).
        var settings = sample
            .Where(p => p.Key is not ("AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME") && !p.Key.StartsWith("Mail:", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value);
        await using var app = await TestApp.StartAsync(settings: settings);
        using var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
