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

    /// <summary>
    /// The id in <paramref name="text"/>, when it has the id's form and its time part is a time an id can carry. An id
    /// such as <c>7ZZZZZZZZZZZZZZZZZZZZZZZZZ</c> has the form but a time past year 9999: no lead can have it, and its
    /// timestamp (hence its partition) can't even be computed, so it is refused here, before it becomes a key.
    /// </summary>
    public static bool TryParse(string? text, out LeadId id)
    {
        id = default;
        if (!HasIdForm(text)) return false;
        if (TimePart(text!) > MaxUnixMilliseconds) return false;
        id = new LeadId(text!);
        return true;
    }

    /// <summary>26 Crockford base32 characters with a 48-bit time part: what an id looks like, possible or not.</summary>
    public static bool HasIdForm(string? text)
    {
        if (text is null || text.Length != Length) return false;
        foreach (char c in text)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return false;
        }
        return text[0] <= '7'; // a 48-bit timestamp never sets the top bits
    }

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static long TimePart(string text)
    {
        long ms = 0;
        for (int i = 0; i < 10; i++) ms = (ms << 5) | (long)Alphabet.IndexOf(text[i], StringComparison.Ordinal);
        return ms;
    }

    public static LeadId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("Not a lead id.");

    /// <summary>The capture time encoded in the id (millisecond precision).</summary>
    public DateTimeOffset Timestamp
    {
        get => DateTimeOffset.FromUnixTimeMilliseconds(TimePart(Value));
    }

    public override string ToString() => Value ?? string.Empty;
}
