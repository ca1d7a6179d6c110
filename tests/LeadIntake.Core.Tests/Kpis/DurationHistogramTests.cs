using LeadIntake.Core.Kpis;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class DurationHistogramTests
{
    [Fact]
    public void A_percentile_read_from_buckets_is_within_the_documented_error_bound()
    {
        var random = new Random(14);
        for (int i = 0; i < 10_000; i++)
        {
            var duration = TimeSpan.FromSeconds(1 + random.NextDouble() * 30_000_000);
            var read = DurationHistogram.ValueOf(DurationHistogram.BucketOf(duration));
            double error = Math.Abs(read.TotalSeconds - duration.TotalSeconds) / duration.TotalSeconds;
            Assert.True(error <= DurationHistogram.RelativeErrorBound + 1e-9, $"{duration} read as {read} ({error:P2})");
        }
        Assert.InRange(DurationHistogram.RelativeErrorBound, 0.090, 0.091);
    }

    [Fact]
    public void Percentile_uses_the_nearest_rank()
    {
        // 9 samples at ~1 minute, 1 at ~1 hour: p50 is a minute, p90 too, p100 is the hour.
        var counts = new Dictionary<int, long>
        {
            [DurationHistogram.BucketOf(TimeSpan.FromMinutes(1))] = 9,
            [DurationHistogram.BucketOf(TimeSpan.FromHours(1))] = 1,
        };
        Assert.InRange(DurationHistogram.Percentile(counts, 0.5)!.Value.TotalSeconds, 55, 66);
        Assert.InRange(DurationHistogram.Percentile(counts, 0.9)!.Value.TotalSeconds, 55, 66);
        Assert.InRange(DurationHistogram.Percentile(counts, 1.0)!.Value.TotalMinutes, 55, 66);
    }

    [Fact]
    public void Percentile_of_no_sample_is_null() => Assert.Null(DurationHistogram.Percentile(new Dictionary<int, long>(), 0.5));

    [Fact]
    public void Sub_second_durations_fall_in_bucket_zero_and_read_as_zero()
    {
        Assert.Equal(0, DurationHistogram.BucketOf(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(TimeSpan.Zero, DurationHistogram.ValueOf(0));
    }
}
