using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// The Leads table's partition key, derived from the id alone: <c>yyyyMM-s</c>, the capture month and one of 16
/// shards taken from the id's random part. A point read is one transaction (PK and RK both known from the id);
/// a month of leads is a 16-partition range scan (KPIs); writes spread over 16 partitions instead of one hot one.
/// </summary>
internal static class LeadPartition
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string For(LeadId id)
    {
        int shard = Alphabet.IndexOf(id.Value[^1], StringComparison.Ordinal) & 0xF;
        return $"{MonthOf(id.Timestamp)}-{shard:x1}";
    }

    public static string MonthOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The lowest and the past-the-highest partition keys of the months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static (string Low, string High) MonthRange(DateTimeOffset from, DateTimeOffset to) =>
        ($"{MonthOf(from)}-", $"{MonthOf(to)}-~");
}
