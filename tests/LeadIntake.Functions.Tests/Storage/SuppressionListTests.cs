using LeadIntake.Core.Leads;
using LeadIntake.Functions.Privacy;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests.Storage;

/// <summary>
/// The suppression list keeps its keys in memory: screening's check costs no storage call per lead, an erasure made by
/// this instance counts at once, one made by another instance once this one has refreshed.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SuppressionListTests
{
    [Fact]
    public async Task Checks_are_answered_from_memory_and_another_instances_erasure_is_seen_after_the_refresh_interval()
    {
        await using var app = await TestApp.StartAsync(new() { ["Privacy:SuppressionRefreshInterval"] = "00:00:01" });
        var here = app.GetService<TableSuppressions>();
        // A second instance on the same storage and key: its own list.
        var there = new TableSuppressions(app.GetService<StorageAccount>(), app.GetService<IOptions<SuppressionOptions>>(), TimeProvider.System, NullLogger<TableSuppressions>.Instance);
        var erased = new Contact { Email = "Anne.Rivet@atelier-rivet.example", Phone = "+33142685300" };
        var other = new Contact { Email = "paul@fonderie-vosges.example" };

        Assert.False(await here.IsSuppressedAsync(erased, CancellationToken.None)); // loads the list (empty)
        long reads = here.TableReads;
        for (int i = 0; i < 50; i++) Assert.False(await here.IsSuppressedAsync(other, CancellationToken.None));
        Assert.Equal(reads, here.TableReads); // fifty checks, no call

        await there.AddAsync(erased.Email, erased.Phone, "req-1", TimeProvider.System.GetUtcNow(), CancellationToken.None);
        Assert.True(await there.IsSuppressedAsync(new Contact { Phone = "+33142685300" }, CancellationToken.None)); // its own erasure, at once

        bool seen = false;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !seen && waited.Elapsed < TimeSpan.FromSeconds(15);)
        {
            seen = await here.IsSuppressedAsync(new Contact { Email = "anne.rivet@atelier-rivet.example" }, CancellationToken.None);
            if (!seen) await Task.Delay(100);
        }
        Assert.True(seen);
        Assert.False(await here.IsSuppressedAsync(other, CancellationToken.None));
    }
}
