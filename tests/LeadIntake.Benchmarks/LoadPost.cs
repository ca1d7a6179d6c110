namespace LeadIntake.Benchmarks;

/// <summary>One form POST of the load: the lead id when answered 202, the HTTP status (0: no answer), latency from the intended send time, how late it left.</summary>
internal sealed record LoadPost(string? LeadId, int Status, double DueMs, double LatencyMs, double SendLagMs, DateTimeOffset SentAt);
