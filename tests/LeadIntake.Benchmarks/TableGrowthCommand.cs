using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Infrastructure;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The <c>table-growth</c> verb: does a partition range query (what screening asks the <c>Contacts</c> index for each
/// contact key) get slower as the table grows? Fills a table on the tests' own Azurite with one-row partitions, as the
/// index holds them (a hashed key per partition, a lead id per row), and at each size times the query for a key that
/// exists and for one that doesn't, plus a point read and an insert. Bounded: stops after the last size.
/// </summary>
internal static class TableGrowthCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var sizes = Option(args, "--sizes")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [0, 5_000, 20_000, 50_000];
        int samples = int.Parse(Option(args, "--samples") ?? "200", CultureInfo.InvariantCulture);
        int writers = int.Parse(Option(args, "--writers") ?? "16", CultureInfo.InvariantCulture);
        output.WriteLine("starting Azurite…");
        await DevServices.GetAsync().ConfigureAwait(false);
        var storage = await DevServices.NewStorageConnectionStringAsync().ConfigureAwait(false);
        var table = new TableClient(storage, "GrowthContacts");
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        var time = TimeProvider.System;
        var keys = new List<string>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"rows",8} | {"query (hit) p50/p99 ms",24} | {"query (miss) p50/p99 ms",24} | {"point read p50/p99 ms",22} | {"insert p50/p99 ms",18}"));
        foreach (int size in sizes)
        {
            // Grow to `size` with concurrent writers, as screening writes the index.
            int missing = size - keys.Count;
            var added = new string[Math.Max(0, missing)];
            await Parallel.ForAsync(0, added.Length, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (i, ct) =>
            {
                var key = "e:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                await table.AddEntityAsync(new TableEntity(key, LeadId.New(time.GetUtcNow()).Value), ct).ConfigureAwait(false);
                added[i] = key;
            }).ConfigureAwait(false);
            keys.AddRange(added);

            var since = LeadId.New(time.GetUtcNow().AddDays(-30)).Value[..10];
            var hit = await TimeAsync(samples, async () =>
            {
                var key = keys.Count > 0 ? keys[RandomNumberGenerator.GetInt32(keys.Count)] : "e:none";
                await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {since}"), select: ["RowKey"]).ConfigureAwait(false)) { }
            }).ConfigureAwait(false);
            var miss = await TimeAsync(samples, async () =>
            {
                var key = "e:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {since}"), select: ["RowKey"]).ConfigureAwait(false)) { }
            }).ConfigureAwait(false);
            var read = await TimeAsync(samples, async () =>
            {
                var key = keys.Count > 0 ? keys[RandomNumberGenerator.GetInt32(keys.Count)] : "e:none";
                await table.GetEntityIfExistsAsync<TableEntity>(key, "x").ConfigureAwait(false);
            }).ConfigureAwait(false);
            var insert = await TimeAsync(samples, async () =>
            {
                var key = "e:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                await table.AddEntityAsync(new TableEntity(key, LeadId.New(time.GetUtcNow()).Value)).ConfigureAwait(false);
                lock (keys) keys.Add(key);
            }).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{keys.Count,8} | {hit.P50,10:0.0} / {hit.P99,9:0.0}   | {miss.P50,10:0.0} / {miss.P99,9:0.0}   | {read.P50,9:0.0} / {read.P99,9:0.0}  | {insert.P50,7:0.0} / {insert.P99,7:0.0}"));
        }
        return 0;
    }

    private static async Task<(double P50, double P99)> TimeAsync(int samples, Func<Task> call)
    {
        var ms = new List<double>(samples);
        for (int i = 0; i < samples; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await call().ConfigureAwait(false);
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        ms.Sort();
        return (LoadReport.Percentile(ms, 0.50), LoadReport.Percentile(ms, 0.99));
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
