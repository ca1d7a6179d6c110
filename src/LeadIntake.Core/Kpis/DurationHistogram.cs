namespace LeadIntake.Core.Kpis;

/// <summary>
/// Fixed log-scale buckets for durations, so percentiles can be kept as counters (Table Storage can't sort or sum).
/// Bucket 0 holds everything under one second; bucket b ≥ 1 holds [2^((b−1)/4), 2^(b/4)) seconds: four buckets per
/// doubling; bucket 100, the last, ends at 2^25 s (388 days) and also holds anything longer (beyond the bound). A percentile is read as its bucket's geometric middle, 2^((b−½)/4) s,
/// so it is within a factor 2^(1/8) of a value in the bucket: a relative error of at most 9.1 % (a true p50 of
/// 10 minutes reads between 9 min 10 s and 10 min 55 s), whatever the number of samples.
/// </summary>
public static class DurationHistogram
{
    public const int BucketsPerDoubling = 4;
    public const int MaxBucket = 100;

    /// <summary>The bound on the relative error of a percentile read from the buckets: 2^(1/8) − 1.</summary>
    public static double RelativeErrorBound { get; } = Math.Pow(2, 1.0 / (2 * BucketsPerDoubling)) - 1;

    public static int BucketOf(TimeSpan duration)
    {
        double seconds = duration.TotalSeconds;
        if (seconds < 1) return 0;
        int bucket = 1 + (int)Math.Floor(BucketsPerDoubling * Math.Log2(seconds));
        return Math.Min(bucket, MaxBucket);
    }

    /// <summary>The value a bucket stands for: its geometric middle (zero for bucket 0).</summary>
    public static TimeSpan ValueOf(int bucket) =>
        bucket <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, (bucket - 0.5) / BucketsPerDoubling));

    /// <summary>
    /// The nearest-rank percentile (<paramref name="fraction"/> in (0, 1]) of the samples counted per bucket; null when
    /// there is none.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyDictionary<int, long> counts, double fraction)
    {
        long total = 0;
        foreach (var count in counts.Values) total += Math.Max(0, count);
        if (total == 0) return null;
        long rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        foreach (var bucket in counts.Keys.Order())
        {
            seen += Math.Max(0, counts[bucket]);
            if (seen >= rank) return ValueOf(bucket);
        }
        return ValueOf(counts.Keys.Max());
    }
}
