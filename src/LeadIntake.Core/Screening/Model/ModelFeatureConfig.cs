namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// How text becomes features; recorded in the model header, because a model only works with the features it was
/// trained on. Buckets is a power of two; character n-grams run from <see cref="CharMin"/> to <see cref="CharMax"/>.
/// </summary>
public sealed record ModelFeatureConfig
{
    public int Buckets { get; init; } = 1 << 18;
    public uint HashSeed { get; init; } = 0x9E3779B9;
    public int CharMin { get; init; } = 2;
    public int CharMax { get; init; } = 4;
    public bool WordBigrams { get; init; } = true;
    /// <summary>Long mails are cut: quoted threads and signatures repeat, and screening must stay fast.</summary>
    public int MaxWords { get; init; } = 300;

    public static ModelFeatureConfig Default { get; } = new();
}
