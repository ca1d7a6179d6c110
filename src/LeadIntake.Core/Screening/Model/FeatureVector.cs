namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// A lead's sparse features: bucket indices and values, duplicates allowed (they add up in a dot product). Reused
/// between leads on the same thread to keep screening allocation-light; optionally records each feature's readable
/// text so a decision can name the n-grams that weighed most.
/// </summary>
internal sealed class FeatureVector
{
    private int[] _indices = new int[1024];
    private float[] _values = new float[1024];

    public int Count { get; private set; }
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count);

    /// <summary>When set, the readable text of these buckets is recorded in <see cref="Names"/> (explanations only).</summary>
    public IReadOnlySet<int>? Wanted { get; set; }
    public Dictionary<int, string> Names { get; } = [];

    public void Clear()
    {
        Count = 0;
        Names.Clear();
    }

    public void Add(int index, float value)
    {
        if (Count == _indices.Length)
        {
            Array.Resize(ref _indices, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        _indices[Count] = index;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Multiplies the values added since <paramref name="from"/> by <paramref name="factor"/>.</summary>
    public void Scale(int from, float factor)
    {
        for (int i = from; i < Count; i++) _values[i] *= factor;
    }

    /// <summary>Whether the caller wants the readable text of <paramref name="index"/> (not yet named).</summary>
    public bool Wants(int index) => Wanted is not null && Wanted.Contains(index) && !Names.ContainsKey(index);

    public void Name(int index, string text) => Names[index] = text;

    public FeatureVector Copy()
    {
        var copy = new FeatureVector { _indices = Indices.ToArray(), _values = Values.ToArray(), Count = Count };
        return copy;
    }
}
