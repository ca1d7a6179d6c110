namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// The model file's JSON header: what the weights mean (feature config, classes, function words) and where they came
/// from (training and holdout files with their SHA-256, trainer settings, figures), so a test can tell whether the
/// committed model still matches its manifest.
/// </summary>
public sealed record ModelHeader
{
    public int Format { get; init; } = 1;
    public required string Version { get; init; }
    public required ModelFeatureConfig Features { get; init; }
    /// <summary>Class names in weight order (the wire names of <see cref="Leads.LeadIntent"/>, in enum order).</summary>
    public required IReadOnlyList<string> Classes { get; init; }
    public required IReadOnlyList<string> FrenchFunctionWords { get; init; }
    public required IReadOnlyList<string> EnglishFunctionWords { get; init; }
    public required ModelTrainerSettings Trainer { get; init; }
    public IReadOnlyList<ModelDataFile> TrainingFiles { get; init; } = [];
    public IReadOnlyList<ModelDataFile> HoldoutFiles { get; init; } = [];
    /// <summary>SHA-256 (hex) of the uncompressed weights (biases as float32, then weights as float16, little-endian).</summary>
    public required string WeightsSha256 { get; init; }
    /// <summary>Figures printed by the train verb: cross-validated on the training files, then on the holdout.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();
}

/// <summary>One corpus file the model was trained or measured on.</summary>
public sealed record ModelDataFile(string Path, string Sha256, int Records);

/// <summary>How the weights were learned: multinomial logistic regression, AdaGrad with L2, fixed seed.</summary>
public sealed record ModelTrainerSettings
{
    public int Epochs { get; init; } = 12;
    public double LearningRate { get; init; } = 0.3;
    public double L2 { get; init; } = 1e-5;
    public int Seed { get; init; } = 20261202;
    /// <summary>Weigh each class by the inverse of its share, so a rare class is not drowned.</summary>
    public bool BalanceClasses { get; init; } = true;
}
