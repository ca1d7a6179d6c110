namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// A lead's sparse features: bucket indices and values, duplicates allowed (they add up in a dot product), and where
/// each came from (a compact source code, see <see cref="ModelFeatures.Describe"/>) so a decision can name the
/// n-grams that weighed most without a vocabulary. Reused between leads on the same thread to keep screening
/// allocation-light.
/// </summary>
internal sealed class FeatureVector
{
    private int[] _indices = new int[1024];
    private float[] _values = new float[1024];
    private int[] _sources = new int[1024];

    public int Count { get; private set; }
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count);
    public ReadOnlySpan<int> Sources => _sources.AsSpan(0, Count);

    /// <summary>The indicator features' kinds and texts (domain, top-level domain, dense facts), by slot.</summary>
    public List<(char Kind, string Text)> Indicators { get; } = new(16);

    public void Clear()
    {
        Count = 0;
        Indicators.Clear();
    }

    public void Add(int index, float value, int source)
    {
        if (Count == _indices.Length)
        {
            Array.Resize(ref _indices, Count * 2);
            Array.Resize(ref _values, Count * 2);
            Array.Resize(ref _sources, Count * 2);
        }
        _indices[Count] = index;
        _values[Count] = value;
        _sources[Count] = source;
        Count++;
    }

    /// <summary>Multiplies the values added since <paramref name="from"/> by <paramref name="factor"/>.</summary>
    public void Scale(int from, float factor)
    {
        for (int i = from; i < Count; i++) _values[i] *= factor;
    }
}
