using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>The figures recorded for one evaluation: macro-F1, spam false-positive rate, per-class precision and recall, reviews.</summary>
public sealed record QualityFigures
{
    public int Records { get; init; }
    public double MacroF1 { get; init; }
    public double SpamFalsePositiveRate { get; init; }
    public int Reviews { get; init; }
    public IReadOnlyDictionary<string, ClassFigures> PerClass { get; init; } = new Dictionary<string, ClassFigures>();

    public static QualityFigures From(ConfusionMatrix matrix, int reviews) => new()
    {
        Records = matrix.Total,
        MacroF1 = Math.Round(matrix.MacroF1, 4),
        SpamFalsePositiveRate = Math.Round(matrix.SpamFalsePositiveRate, 4),
        Reviews = reviews,
        PerClass = ConfusionMatrix.Classes.ToDictionary(
            WireNames.Of,
            c => new ClassFigures(Math.Round(matrix.Precision(c), 4), Math.Round(matrix.Recall(c), 4))),
    };
}

public sealed record ClassFigures(double Precision, double Recall);

/// <summary>tests/corpus/holdout-figures.json: the last recorded holdout figures; a test fails when screening falls below them.</summary>
public sealed record HoldoutFigures
{
    public required string ModelVersion { get; init; }
    public required string RulesVersion { get; init; }
    public IReadOnlyList<string> HoldoutFiles { get; init; } = [];
    public required QualityFigures Holdout { get; init; }
    public QualityFigures? CrossValidation { get; init; }
}
