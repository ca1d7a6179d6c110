using System.Text;
using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The queue stages against real storage, SMTP and queues, with one fault at a time: a transient storage failure
/// at the stage's own write, and a message that arrives before the lead is ready for it (docs/conventions.md, 'Tests per queue handler').
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PipelineStageTests
{
    private static readonly object Lead = new { email = "buyer@acme.example", company = "Acme", message = "Could you send us a quote for 20 sensors?" };

    private static Dictionary<string, string?> OneSecondRetry => new() { ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01" };

    private static async Task<(TestApp App, FaultyLeadStore Store)> StartWithFaultyStoreAsync(LeadStatus failSavesTo)
    {
        var app = await TestApp.StartAsync(OneSecondRetry, services: s => s.Replace(ServiceDescriptor.Singleton<ILeadStore>(sp =>
            new FaultyLeadStore(ActivatorUtilities.CreateInstance<TableLeadStore>(sp)) { FailSavesToStatus = failSavesTo, Failures = 1 })));
        return (app, (FaultyLeadStore)app.GetService<ILeadStore>());
    }

    private static List<string?> EventTypes(JsonElement lead) =>
        lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

    [Theory]
    [InlineData(LeadStatus.Mql)]
    [InlineData(LeadStatus.Assigned)]
    public async Task A_stage_whose_write_fails_once_is_retried_and_records_its_decision_once(LeadStatus failing)
    {
        var (app, store) = await StartWithFaultyStoreAsync(failing);
        await using var _ = app;
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);

        var id = await app.PostLeadAsync(Lead);
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(15));

        Assert.Equal(1, store.FailedSaves);
        Assert.Equal("assigned", lead.GetProperty("status").GetString());
        Assert.Equal(["captured", "screened", "assigned", "rep_notified"], EventTypes(lead));
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Single(await mail.ToAsync(app.RepEmail));
    }

    [Fact]
    public async Task A_dispatch_message_that_arrives_before_screening_does_nothing_and_the_lead_is_dispatched_once_later()
    {
        await using var app = await TestApp.StartAsync(
            // The message is lost for good: no retry by the instance, only the sweeper brings it back.
            // The sweeper's own timer is off: the test runs it once, by hand, after proving nothing else moves the lead.
            settings: new() { ["Intake:SweepAfter"] = "00:00:00", ["Intake:SweepLeasePeriod"] = "00:00:00", ["Intake:RetryFailedEnqueues"] = "false", ["AzureWebJobs.SweepCapturedLeads.Disabled"] = "true" },
            services: s => s.Replace(ServiceDescriptor.Singleton<IPipelineQueue>(sp =>
                new FaultyPipelineQueue(ActivatorUtilities.CreateInstance<StoragePipelineQueue>(sp)) { FailFirst = 1 })));
        var dev = await DevServices.GetAsync();
        using var mail = new MailCatcher(dev.MailWebPort);
        var id = await app.PostLeadAsync(Lead); // stored, but its screening message was lost

        // Out of order: a dispatch message for a lead that is still captured.
        var early = Convert.ToBase64String(Encoding.UTF8.GetBytes(new LeadMessage(id).ToJson()));
        await app.RawQueue(QueueNames.LeadsDispatch).SendMessageAsync(early);
        await PipelineDrain.UntilIdleAsync(app);
        var captured = await app.GetLeadAsync(id);
        Assert.Equal("captured", captured.GetProperty("status").GetString());
        Assert.Empty(await mail.ToAsync(app.RepEmail));
        Assert.Equal(0, (await app.RawQueue(PoisonQueue.NameFor(QueueNames.LeadsDispatch)).GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepCapturedLeads>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        }
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        Assert.Equal(["captured", "screened", "assigned", "rep_notified"], EventTypes(lead));
        await PipelineDrain.UntilIdleAsync(app);
        Assert.Single(await mail.ToAsync(app.RepEmail));
    }
}
