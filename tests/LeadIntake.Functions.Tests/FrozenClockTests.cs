using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class FrozenClockTests
{
    /// <summary>
    /// Every stage writes its audit event at the same instant when the clock doesn't move (a FakeTimeProvider, or
    /// stages within one tick of a coarse clock). Event row keys used to collide and screening failed with 409 until
    /// the message was poisoned.
    /// </summary>
    [Fact]
    public async Task The_pipeline_runs_when_every_stage_happens_at_the_same_instant()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

        var id = await app.PostLeadAsync(new { email = "buyer@acme.example", message = "Quote please for 10 units" });
        var lead = await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));

        Assert.True(TestApp.IsNotified(lead), lead.ToString());
        var events = lead.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal(["assigned", "captured", "rep_notified", "screened"], events);
        Assert.Equal(0, (await app.RawQueue("leads-captured-poison").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
