using System.Security.Cryptography;

namespace LeadIntake.Core.Leads;

/// <summary>
/// A time-ordered lead id: 48 bits of Unix milliseconds then 80 random bits, in Crockford base32 (26 characters,
/// the ULID layout). Ids sort by capture time as strings, so a table's RowKey order is capture order, and the
/// capture month can be read back from the id alone (the Leads table's partition key is derived from it).
/// </summary>
public readonly record struct LeadId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 26;

    public string Value { get; }

    private LeadId(string value) => Value = value;

    public static LeadId New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return FromParts(now, random);
    }

    internal static LeadId FromParts(DateTimeOffset time, ReadOnlySpan<byte> random)
    {
        ulong ms = (ulong)time.ToUnixTimeMilliseconds();
        Span<char> chars = stackalloc char[Length];
        // 10 characters of timestamp (50 bits, top 2 always zero), most significant first.
        for (int i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
        // 16 characters of randomness (80 bits).
        UInt128 r = 0;
        foreach (byte b in random[..10]) r = (r << 8) | b;
        for (int i = Length - 1; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(r & 31)];
            r >>= 5;
        }
        return new LeadId(new string(chars));
    }

    public static bool TryParse(string? text, out LeadId id)
    {
        id = default;
        if (text is null || text.Length != Length) return false;
        foreach (char c in text)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return false;
        }
        if (text[0] > '7') return false; // a 48-bit timestamp never sets the top bits
        id = new LeadId(text);
        return true;
    }

    public static LeadId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("Not a lead id.");

    /// <summary>The capture time encoded in the id (millisecond precision).</summary>
    public DateTimeOffset Timestamp
    {
        get
        {
            long ms = 0;
            for (int i = 0; i < 10; i++) ms = (ms << 5) | (long)Alphabet.IndexOf(Value[i], StringComparison.Ordinal);
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
    }

    public override string ToString() => Value ?? string.Empty;
}
