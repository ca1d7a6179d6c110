namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// Maps feature text to a weight bucket without a vocabulary (the hashing trick): FNV-1a over the UTF-16 characters,
/// then a final avalanche so neighbouring n-grams spread over the table. Deterministic across runs and machines, which
/// the committed model relies on: the same text always lands in the same bucket.
/// </summary>
internal static class FeatureHasher
{
    private const uint Prime = 16777619;

    public static uint Start(uint seed, char kind) => (seed ^ kind) * Prime;

    public static uint Add(uint state, ReadOnlySpan<char> text)
    {
        foreach (char c in text) state = (state ^ c) * Prime;
        return state;
    }

    public static uint Add(uint state, char c) => (state ^ c) * Prime;

    public static int Bucket(uint state, int bucketMask)
    {
        // murmur3's fmix32: FNV's low bits alone are weak for short keys.
        state ^= state >> 16;
        state *= 0x85EBCA6B;
        state ^= state >> 13;
        state *= 0xC2B2AE35;
        state ^= state >> 16;
        return (int)(state & (uint)bucketMask);
    }
}
