using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Kpis;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LeadIntake.Functions.Tests.Kpis.KpiEndToEndTests;

namespace LeadIntake.Functions.Tests.Kpis;

/// <summary>
/// The KPI projection buffer against Azurite: stage changes noted in memory, coalesced per lead, written per shard; the
/// daily recomputation (which reads every lead's event log) is the oracle: when it finds nothing to change, the
/// buffer counted exactly what the logs say.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class KpiProjectionBufferTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 12, 9, 0, 0, TimeSpan.Zero);

    // The buffer's own timer stays out of the way (its first tick is 30 s away): each test flushes by hand.
    private static readonly Dictionary<string, string?> HandFlushed = new() { ["Kpis:ProjectionFlushInterval"] = "00:01:00" };

    [Fact]
    public async Task Leads_carried_through_their_stages_are_written_without_reading_their_logs_one_batch_per_shard()
    {
        await using var app = await TestApp.StartAsync(HandFlushed);
        var buffer = app.GetService<KpiProjectionBuffer>();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        var won = new List<StoredLead>();
        for (int i = 0; i < 6; i++) won.Add(await leads.WonAsync(November.AddMinutes(i), rep: "alice@corp.example"));
        Assert.Equal(6, buffer.Pending); // eight saves each, nothing written yet

        long transactions = buffer.Transactions, reads = buffer.HistoryReads;
        await buffer.FlushAsync(CancellationToken.None);

        Assert.Equal(0, buffer.Pending);
        Assert.Equal(reads, buffer.HistoryReads); // every save followed the one before: the logs are what was appended
        // One shard query and one batch per shard the leads fall in (and December's rows for nothing here: one month).
        int shards = won.Select(s => TableKpiStore.ShardOf(s.Lead.Id)).Distinct().Count();
        Assert.Equal(2 * shards, buffer.Transactions - transactions);

        var report = await KpisAsync(app, "month=2026-11");
        Assert.Equal((6L, 6L, 6L), (Count(report, "mcl"), Count(report, "mql"), Count(report, "won")));
        Assert.False(await RecomputeChangedAsync(app)); // the logs say the same
    }

    [Fact]
    public async Task A_save_made_by_another_instance_between_two_noted_saves_makes_the_buffer_read_the_log_and_count_right()
    {
        await using var app = await TestApp.StartAsync(HandFlushed);
        var buffer = app.GetService<KpiProjectionBuffer>();
        // A second instance on the same storage: its own lead store and buffer.
        var table = ActivatorUtilities.CreateInstance<TableLeadStore>(app.Services);
        var otherBuffer = ActivatorUtilities.CreateInstance<KpiProjectionBuffer>(app.Services, table);
        var here = new KpiLeads(app.GetService<ILeadStore>());
        var there = new KpiLeads(new ProjectingLeadStore(table, otherBuffer));

        var s = await here.CaptureAsync(November);
        s = await here.MoveAsync(s, LeadStatus.Mql, November.AddMinutes(1), "screened", "intent=commercial status=mql confidence=0.90");
        s = await there.MoveAsync(s, LeadStatus.Assigned, November.AddMinutes(2), "assigned", "round robin", "alice@corp.example");
        s = await here.MoveAsync(s, LeadStatus.Accepted, November.AddMinutes(4), "accepted");
        s = await here.MoveAsync(s, LeadStatus.Sql, November.AddHours(1), "qualified_sql");

        long reads = buffer.HistoryReads;
        await otherBuffer.FlushAsync(CancellationToken.None);
        await buffer.FlushAsync(CancellationToken.None);

        Assert.Equal(reads + 1, buffer.HistoryReads); // two groups of saves here, one read of the log for both
        Assert.Equal(1, otherBuffer.HistoryReads);
        var report = await KpisAsync(app, "month=2026-11");
        Assert.Equal((1L, 1L, 1L), (Count(report, "mcl"), Count(report, "mql"), Count(report, "sql")));
        Assert.False(await RecomputeChangedAsync(app));
    }

    [Fact]
    public async Task A_captured_lead_waits_for_its_screening_then_both_saves_go_out_without_a_read_of_its_log()
    {
        await using var app = await TestApp.StartAsync(new() { ["Kpis:ProjectionFlushInterval"] = "00:00:00.100", ["Kpis:ProjectionCaptureHold"] = "00:05:00" });
        var buffer = app.GetService<KpiProjectionBuffer>();
        var leads = new KpiLeads(app.GetService<ILeadStore>());
        long reads = buffer.HistoryReads;

        var s = await leads.CaptureAsync(November);
        await Task.Delay(TimeSpan.FromMilliseconds(800)); // eight intervals: an MQL lead would have been written
        Assert.Equal(1, buffer.Pending);

        await leads.MoveAsync(s, LeadStatus.Mql, November.AddMinutes(1), "screened", "intent=commercial status=mql confidence=0.90");
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); buffer.Pending > 0 && waited.Elapsed < TimeSpan.FromSeconds(10);) await Task.Delay(50);

        Assert.Equal(0, buffer.Pending);
        Assert.Equal(reads, buffer.HistoryReads);
        Assert.Equal(1L, Count(await KpisAsync(app, "month=2026-11"), "mql"));
    }

    [Fact]
    public async Task A_delta_written_before_is_left_out_of_a_later_batch_and_the_rest_is_applied()
    {
        await using var app = await TestApp.StartAsync(HandFlushed);
        var store = app.GetService<TableKpiStore>();
        var month = new KpiMonth(2026, 11);
        var (a, b, c) = (LeadId.New(November), LeadId.New(November), LeadId.New(November));
        KpiLeadDelta Delta(LeadId id) => new(id, new Dictionary<string, long> { ["o|captured|form|google|"] = 1 }, [$"k-{id.Value}"]);

        var (_, first) = await store.ApplyManyAsync(month, "0", [Delta(a), Delta(b)], CancellationToken.None);
        // b again (an earlier flush whose answer was lost) beside a new lead: b's marker refuses it, c goes in.
        var (used, second) = await store.ApplyManyAsync(month, "0", [Delta(b), Delta(c)], CancellationToken.None);

        Assert.Equal([a, b], first);
        Assert.Equal([c], second);
        Assert.Equal(3, used); // batch refused on b's marker (the shard's rows remembered from the first), query, batch
        Assert.Equal(3, (await store.ReadMonthAsync(month, CancellationToken.None))["o|captured|form|google|"]);
    }

    [Fact]
    public async Task What_the_buffer_holds_when_the_host_stops_is_written_before_it_exits()
    {
        TableClient kpis;
        var month = new KpiMonth(2026, 11);
        await using (var app = await TestApp.StartAsync(HandFlushed))
        {
            kpis = app.Table("Kpis");
            await new KpiLeads(app.GetService<ILeadStore>()).WonAsync(November);
            Assert.Equal(1, app.GetService<KpiProjectionBuffer>().Pending);
        }

        var rows = new List<TableEntity>();
        await foreach (var row in kpis.QueryAsync<TableEntity>(r => r.PartitionKey == TableKpiStore.PartitionOf(month))) rows.Add(row);
        long captured = rows.Where(r => r.RowKey.StartsWith("agg-", StringComparison.Ordinal)).Sum(r => TableKpiStore.ReadCells(r).Where(c => c.Key.StartsWith("o|captured|", StringComparison.Ordinal)).Sum(c => c.Value));
        Assert.Equal(1, captured);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public void A_group_is_projected_against_the_log_up_to_its_own_last_event(int lastAdded, int expected)
    {
        LeadEvent E(int minute) => new(LeadEventType.Touch, November.AddMinutes(minute), "test", $"n{minute}");
        var history = new[] { E(0), E(1), E(2), E(3), E(4) };
        var upTo = KpiProjectionBuffer.HistoryUpTo(history, lastAdded switch { 0 => [E(1), E(2)], 1 => [E(1)], _ => [E(3)] });
        Assert.Equal(expected, upTo.Count);
    }

    private static async Task<bool> RecomputeChangedAsync(TestApp app)
    {
        using var response = await AdminAsync(app, HttpMethod.Post, "/api/kpis/recompute?month=2026-11");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetBoolean();
    }
}
