using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Storage;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.Tests;

/// <summary>
/// The sweeper against a backlog of thousands of lead rows left in captured, seeded straight into Azurite: it queues
/// only the leads whose message is really missing, each at most once per lease period even with two sweepers at once,
/// and nothing while the screening queue is deep.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SweeperTests
{
    private static readonly QueueRuntimeOptions Queues = new() { VisibilityTimeout = TimeSpan.FromSeconds(5), MaxDequeueCount = 5 };

    [Fact]
    public async Task Among_thousands_of_captured_leads_the_sweeper_queues_only_those_whose_message_is_missing_once_per_lease_period()
    {
        await using var world = await SeededWorld.CreateAsync();
        var clock = new FakeTimeProvider(world.Now);
        var intake = new IntakeOptions { SweepAfter = TimeSpan.FromMinutes(2), SweepSkipAboveDepth = 1_000_000 };

        // Two sweepers (two instances' timers) at once over 3,300 rows: 2,600 queued 5 s ago (their messages wait),
        // 200 moved on to mql, 400 queued 10 minutes ago and 100 legacy rows without the mark, captured 10 minutes ago.
        await Task.WhenAll(world.Sweeper(intake, clock).RunAsync(new TimerInfo(), CancellationToken.None), world.Sweeper(intake, clock).RunAsync(new TimerInfo(), CancellationToken.None));

        Assert.Equal(500, await world.DepthAsync());
        Assert.Equal(world.Missing.Order(StringComparer.Ordinal), (await world.QueuedIdsAsync()).Order(StringComparer.Ordinal));

        // A minute later (the next timer run): the queued leads were just marked; nothing is queued twice.
        clock.Advance(TimeSpan.FromMinutes(1));
        await world.Sweeper(intake, clock).RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.Equal(500, await world.DepthAsync());

        // Past the interval the messages could be missing again, but the screening queue is deep now (500 > 100):
        // in a backlog the messages are there, late, and the run is skipped.
        clock.Advance(TimeSpan.FromMinutes(3));
        intake.SweepSkipAboveDepth = 100;
        await world.Sweeper(intake, clock).RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.Equal(500, await world.DepthAsync());
    }

    [Theory]
    [InlineData("00:02:00", null, "00:02:00")]
    [InlineData("00:00:10", null, "00:00:25")]
    [InlineData("00:00:00", "00:00:00", "00:00:00")]
    [InlineData("00:01:00", "00:10:00", "00:10:00")]
    public void A_lead_is_queued_again_after_the_longer_of_sweep_after_and_the_queues_lease_period(string sweepAfter, string? leasePeriod, string expected)
    {
        var intake = new IntakeOptions { SweepAfter = TimeSpan.Parse(sweepAfter, System.Globalization.CultureInfo.InvariantCulture) };
        if (leasePeriod is not null) intake.SweepLeasePeriod = TimeSpan.Parse(leasePeriod, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SweepCapturedLeads.RequeueInterval(intake, Queues));
    }

    /// <summary>An Azurite account with lead rows written as the app writes them (the columns the sweeper reads).</summary>
    private sealed class SeededWorld : IAsyncDisposable
    {
        private readonly StorageAccount _account;
        private readonly QueueClient _queue;

        private SeededWorld(StorageAccount account, QueueClient queue, DateTimeOffset now, List<string> missing)
        {
            _account = account;
            _queue = queue;
            Now = now;
            Missing = missing;
        }

        public DateTimeOffset Now { get; }
        public IReadOnlyList<string> Missing { get; }

        public static async Task<SeededWorld> CreateAsync()
        {
            var connection = await DevServices.NewStorageConnectionStringAsync();
            var account = new StorageAccount(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = connection }).Build());
            await new StorageInitializer(account).InitializeAsync(CancellationToken.None);
            var now = TimeProvider.System.GetUtcNow();
            var rows = new List<TableEntity>();
            var missing = new List<string>();
            TableEntity Row(DateTimeOffset capturedAt, string status, DateTimeOffset? queuedAt)
            {
                var id = LeadId.New(capturedAt);
                var row = new TableEntity(LeadPartition.For(id), id.Value) { ["Kind"] = "lead", ["Status"] = status, ["CapturedAt"] = capturedAt };
                if (queuedAt is { } at) row[TableStrandedLeads.QueuedAtColumn] = at;
                rows.Add(row);
                return row;
            }
            var tenMinutesAgo = now - TimeSpan.FromMinutes(10);
            for (int i = 0; i < 2_600; i++) Row(tenMinutesAgo, "captured", now - TimeSpan.FromSeconds(5));
            for (int i = 0; i < 200; i++) Row(tenMinutesAgo, "mql", null);
            for (int i = 0; i < 400; i++) missing.Add(Row(tenMinutesAgo, "captured", tenMinutesAgo).RowKey);
            for (int i = 0; i < 100; i++) missing.Add(Row(tenMinutesAgo, "captured", null).RowKey);

            var table = account.Table(TableNames.Leads);
            foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)))
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            }
            return new SeededWorld(account, account.Queue(QueueNames.LeadsCaptured), now, missing);
        }

        public SweepCapturedLeads Sweeper(IntakeOptions intake, TimeProvider clock) => new(
            new TableStrandedLeads(_account),
            new StoragePipelineQueue(_account, Options.Create(new QueueRuntimeOptions()), new QueueWakeSignals()),
            new StaticOptions(intake),
            Options.Create(Queues),
            clock,
            NullLogger<SweepCapturedLeads>.Instance);

        public async Task<int> DepthAsync() => (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        /// <summary>The lead ids of every queued message (received, hidden for the rest of the test).</summary>
        public async Task<List<string>> QueuedIdsAsync()
        {
            var ids = new List<string>();
            var codec = new QueueMessageCodec(base64: true);
            while (true)
            {
                var batch = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
                if (batch.Length == 0) return ids;
                foreach (var message in batch)
                {
                    Assert.True(codec.TryDecode(message.MessageText, out var text));
                    ids.Add(LeadMessage.TryReadLeadId(text)!.Value.Value);
                }
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class StaticOptions(IntakeOptions value) : IOptionsMonitor<IntakeOptions>
    {
        public IntakeOptions CurrentValue => value;
        public IntakeOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<IntakeOptions, string?> listener) => null;
    }
}
