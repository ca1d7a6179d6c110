using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks;

/// <summary>The figures of one load run, computed from the posts, the stored leads, maildev's list and the transaction counts.</summary>
internal sealed record LoadReport(
    double Rate,
    int DurationSeconds,
    int Instances,
    int Leads,
    int Accepted,
    int FailedPosts,
    double IngestP50Ms,
    double IngestP99Ms,
    double IngestMaxMs,
    double SendLagMaxMs,
    double CaptureToNotifiedP50Ms,
    double CaptureToNotifiedP99Ms,
    double CaptureToNotifiedMaxMs,
    double CaptureToMqlP50Ms,
    double CaptureToMqlP99Ms,
    double MqlToAssignedP50Ms,
    double MqlToAssignedP99Ms,
    double AssignedToNotifiedP50Ms,
    double AssignedToNotifiedP99Ms,
    double ThroughputPerSecond,
    double DrainAfterLastSendSeconds,
    double TransactionsPerLead,
    double TransactionsPerLeadExcludingIdlePolling,
    double TableTransactionsPerLead,
    double QueueTransactionsPerLead,
    long EmptyReceives,
    IReadOnlyDictionary<string, double> TransactionsPerLeadByOperation,
    IReadOnlyList<LoadOperationLatency> OperationLatencies,
    double PeakWorkingSetMb,
    long PeakThreadPoolQueue,
    double GcPauseMs,
    int PeakThreadPoolThreads,
    double CpuSecondsPerLead,
    LoadAppFigures App,
    LoadFloodFigures Flood,
    int Missing,
    int NotAssigned,
    IReadOnlyDictionary<string, int> Statuses,
    int RepMailsInMaildev,
    string LoadAverageBefore,
    string LoadAverageAfter)
{
    public static LoadReport Compute(
        LoadOptions options, string repEmail, IReadOnlyList<LoadPost> posts, IReadOnlyDictionary<string, Lead> leads, IReadOnlyList<LoadMail> mails,
        IReadOnlyDictionary<string, long> transactions, IReadOnlyList<LoadOperationLatency> latencies, DateTimeOffset started, DateTimeOffset lastSend, DateTimeOffset finished,
        LoadAppFigures app, LoadFloodFigures flood, long peakQueue, int peakThreads, TimeSpan gcPause, string loadBefore, string loadAfter)
    {
        var acceptedIds = posts.Where(p => p.LeadId is not null).Select(p => p.LeadId!).ToList();
        var ingest = posts.Where(p => p.LeadId is not null).Select(p => p.LatencyMs).Order().ToList();
        var notified = acceptedIds.Select(id => leads.GetValueOrDefault(id)).Where(l => l?.RepNotifiedAt is not null).Select(l => l!).ToList();
        var captureToNotified = notified.Select(l => (l.RepNotifiedAt!.Value - l.CapturedAt).TotalMilliseconds).Order().ToList();

        // Where the time goes: the stage times each step records (screening → mql, dispatch → assigned, mail → notified).
        var toMql = Segment(notified, l => l.CapturedAt, l => l.StageTimes.GetValueOrDefault(LeadStatus.Mql));
        var toAssigned = Segment(notified, l => l.StageTimes.GetValueOrDefault(LeadStatus.Mql), l => l.StageTimes.GetValueOrDefault(LeadStatus.Assigned));
        var toNotified = Segment(notified, l => l.StageTimes.GetValueOrDefault(LeadStatus.Assigned), l => l.RepNotifiedAt!.Value);
        var accepted = acceptedIds.ToHashSet(StringComparer.Ordinal);
        int repMails = mails.Count(m => m.To.Contains(repEmail, StringComparer.OrdinalIgnoreCase) && accepted.Contains(m.MessageId.Split('.')[0]));

        var statuses = acceptedIds.GroupBy(id => leads.TryGetValue(id, out var l) ? WireNames.Of(l.Status) : "not stored")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        double n = Math.Max(1, acceptedIds.Count);
        long total = transactions.Values.Sum();
        long empty = transactions.GetValueOrDefault(LoadTransactionCounter.EmptyReceive);
        long table = transactions.Where(p => p.Key.StartsWith("table", StringComparison.Ordinal)).Sum(p => p.Value);
        long queue = transactions.Where(p => p.Key.StartsWith("queue", StringComparison.Ordinal)).Sum(p => p.Value);
        var lastNotified = notified.Count > 0 ? notified.Max(l => l.RepNotifiedAt!.Value) : finished;

        return new LoadReport(
            options.Rate, options.DurationSeconds, options.Instances, posts.Count, acceptedIds.Count, posts.Count - acceptedIds.Count,
            Percentile(ingest, 0.50), Percentile(ingest, 0.99), ingest.Count > 0 ? ingest[^1] : double.NaN,
            posts.Count > 0 ? posts.Max(p => p.SendLagMs) : 0,
            Percentile(captureToNotified, 0.50), Percentile(captureToNotified, 0.99), captureToNotified.Count > 0 ? captureToNotified[^1] : double.NaN,
            Percentile(toMql, 0.50), Percentile(toMql, 0.99), Percentile(toAssigned, 0.50), Percentile(toAssigned, 0.99),
            Percentile(toNotified, 0.50), Percentile(toNotified, 0.99),
            notified.Count / Math.Max(0.001, (lastNotified - started).TotalSeconds),
            Math.Max(0, (lastNotified - lastSend).TotalSeconds),
            total / n, (total - empty) / n, table / n, queue / n, empty,
            transactions.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value / n, StringComparer.Ordinal),
            latencies,
            app.PeakMemoryMb, peakQueue, gcPause.TotalMilliseconds, peakThreads,
            app.CpuSeconds / n, app, flood,
            acceptedIds.Count - notified.Count,
            acceptedIds.Count(id => !leads.TryGetValue(id, out var l) || l.Status != LeadStatus.Assigned),
            statuses, repMails, loadBefore, loadAfter);
    }

    private static List<double> Segment(IEnumerable<Lead> leads, Func<Lead, DateTimeOffset> from, Func<Lead, DateTimeOffset> to) =>
        leads.Where(l => from(l) != default && to(l) != default).Select(l => (to(l) - from(l)).TotalMilliseconds).Order().ToList();

    /// <summary>Nearest-rank percentile of an ascending list.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static void Print(LoadReport r, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"""

            === load: {r.Leads} leads at {r.Rate}/s for {r.DurationSeconds} s, {r.Instances} instance(s), app {r.App.Mode} ===
            posts accepted (202)          {r.Accepted} / {r.Leads}  (failed {r.FailedPosts}, max send lag {r.SendLagMaxMs:0} ms)
            ingest POST → 202             p50 {r.IngestP50Ms:0.0} ms   p99 {r.IngestP99Ms:0.0} ms   max {r.IngestMaxMs:0.0} ms
            capture → repNotifiedAt       p50 {r.CaptureToNotifiedP50Ms:0} ms   p99 {r.CaptureToNotifiedP99Ms:0} ms   max {r.CaptureToNotifiedMaxMs:0} ms
              capture → mql (screening)   p50 {r.CaptureToMqlP50Ms:0} ms   p99 {r.CaptureToMqlP99Ms:0} ms
              mql → assigned (dispatch)   p50 {r.MqlToAssignedP50Ms:0} ms   p99 {r.MqlToAssignedP99Ms:0} ms
              assigned → notified (mail)  p50 {r.AssignedToNotifiedP50Ms:0} ms   p99 {r.AssignedToNotifiedP99Ms:0} ms
            throughput (completed)        {r.ThroughputPerSecond:0.00} leads/s  (last mail {r.DrainAfterLastSendSeconds:0.0} s after the last send)
            storage transactions / lead   {(r.TransactionsPerLeadByOperation.Count == 0 ? "not counted (the app runs as its own process)" : string.Create(c, $"{r.TransactionsPerLead:0.0} total, {r.TransactionsPerLeadExcludingIdlePolling:0.0} excluding idle polling ({r.EmptyReceives} empty receives); table {r.TableTransactionsPerLead:0.0}, queue {r.QueueTransactionsPerLead:0.0}"))}
            app ({r.App.Mode,-16})        CPU {r.App.CpuSeconds:0.0} s = {r.CpuSecondsPerLead * 1000:0.0} ms per lead ({r.App.CpuSeconds / Math.Max(1, r.DurationSeconds + r.DrainAfterLastSendSeconds):0.00} cores); peak memory {r.PeakWorkingSetMb:0} MiB{(double.IsNaN(r.App.MeasuredPeakMemoryMb) ? " (generator + app in one process)" : string.Create(c, $" (VmHWM, warm-up included; {r.App.MeasuredPeakMemoryMb:0} MiB VmRSS peak while measured)"))}
            generator thread pool         peak {r.PeakThreadPoolThreads} threads, {r.PeakThreadPoolQueue} queued items; GC pauses {r.GcPauseMs:0} ms in all
            bot flood                     {(r.Flood.Posts == 0 ? "none" : string.Create(c, $"{r.Flood.Posts} posts at {r.Flood.Rate}/s ({(r.Flood.Rotate ? "forged X-Forwarded-For rotated" : "one address")}, limit {r.Flood.RateLimitPerMinute}/min): {r.Flood.Accepted} accepted; answers {string.Join(", ", r.Flood.Statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} × {p.Value}"))}; POST p99 {r.Flood.PostP99Ms:0} ms"))}
            leads missing (no rep mail)   {r.Missing}
            not assigned                  {r.NotAssigned}  statuses: {string.Join(", ", r.Statuses.Select(p => $"{p.Key} {p.Value}"))}
            rep mails in maildev          {r.RepMailsInMaildev}
            load average before / after   {r.LoadAverageBefore} / {r.LoadAverageAfter}
            transactions per lead by operation:
            """));
        foreach (var (operation, perLead) in r.TransactionsPerLeadByOperation) output.WriteLine(string.Create(c, $"  {operation,-26} {perLead,6:0.00}"));
        if (r.OperationLatencies.Count == 0) return;
        output.WriteLine("per operation and table/queue (measured part; attempts per lead, latency in ms):");
        output.WriteLine(string.Create(c, $"  {"operation · table or queue",-44} {"/lead",6} {"p50",8} {"p99",8} {"max",8}"));
        double n = Math.Max(1, r.Accepted);
        foreach (var l in r.OperationLatencies)
        {
            output.WriteLine(string.Create(c, $"  {l.Operation,-44} {l.Count / n,6:0.00} {l.P50Ms,8:0.0} {l.P99Ms,8:0.0} {l.MaxMs,8:0.0}"));
        }
    }
}
