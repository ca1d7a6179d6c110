using System.Security.Cryptography;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LeadIntake.Functions.Tests.Hostile;

/// <summary>
/// The short hostile-input run (the full one is the benchmarks' <c>hostile</c> verb): every endpoint × body, route and
/// a share of the field mutations, against the real app, Azurite and maildev.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_requests_over_every_endpoint_get_no_5xx_store_no_junk_and_inject_nothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var signingKey = RandomNumberGenerator.GetBytes(32);
        await using var graph = await StandInServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(HostileCases.GraphLead(context.Request.Path.Value!.Split('/').Last(), tag));
        });
        await using var app = await TestApp.StartAsync(new()
        {
            ["Links:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Meta:AccessToken"] = "page-token", ["Meta:GraphBaseUrl"] = graph.BaseUrl + "/v21.0",
        }, repEmail: $"rep-{tag}@example.com");
        var dev = await DevServices.GetAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var target = await PrepareAsync(app, signingKey, tag);
        var requests = HostileCases.Short(target);
        var probe = new HostileProbe(app.Client, TestApp.AdminKey, app.Storage);

        var outcomes = await probe.SendAllAsync(requests, timeout.Token);
        await probe.WaitForPipelineAsync(TimeSpan.FromSeconds(20), timeout.Token);
        var report = await probe.ReportAsync(outcomes, dev.MailWebPort, tag, timeout.Token);

        var printed = new StringWriter();
        report.Print(printed);
        Assert.True(requests.Count >= 150, $"only {requests.Count} requests");
        Assert.True(report.Outcomes.Select(o => o.Request.Endpoint).Distinct().Count() >= 20, printed.ToString());
        Assert.True(report.ServerErrors.Count == 0, printed.ToString());
        Assert.True(report.Junk.Count == 0, printed.ToString());
        Assert.True(report.ControlCharLeads.Count == 0, printed.ToString());
        Assert.True(report.RawMarkupPages.Count == 0, printed.ToString());
        Assert.True(report.MailsScanned > 0, printed.ToString());
        Assert.True(report.MarkupInjections.Count == 0, printed.ToString());
        Assert.True(report.HeaderInjections.Count == 0, printed.ToString());
        // Accepted hostile leads were stored: the run exercised storage, not only refusals.
        Assert.True(report.LeadsScanned > 5, printed.ToString());
    }

    /// <summary>The probe's prepared leads, dispatched to the test app's rep; fails the test when they aren't.</summary>
    internal static async Task<HostileTarget> PrepareAsync(TestApp app, byte[] signingKey, string tag)
    {
        var target = await new HostileProbe(app.Client, TestApp.AdminKey, app.Storage).PrepareAsync(signingKey, app.RepEmail, tag, CancellationToken.None);
        Assert.True(target is not null, "the prepared leads were not dispatched within 30 s");
        return target;
    }
}
