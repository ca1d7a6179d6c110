using System.Text.Json;
using LeadIntake.Benchmarks.Screening;
using LeadIntake.Benchmarks.Screening.Training;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Core.Tests.Screening.Model;

/// <summary>
/// The committed model must be what the committed manifest trains (same files, same bytes, same weights), and it must
/// not score below the holdout figures recorded when it was trained. After changing the corpus, the rules' function
/// words or the trainer, run `train` (docs/screening.md) and commit the model and the figures together.
/// </summary>
public class ShippedModelTests
{
    private const double Epsilon = 1e-9;
    private static readonly string Root = ModelTraining.RepoRoot(AppContext.BaseDirectory);
    private static readonly TrainingManifest Manifest = TrainingManifest.Read(Path.Combine(Root, ModelTraining.ManifestPath));
    // Featurising every training file takes seconds: once for the class.
    private static readonly Lazy<TrainingData> Data = new(() => ModelTraining.Load(Root, Manifest, []));

    private static ScreeningModel Shipped => ScreeningModel.Default ?? throw new InvalidOperationException($"No model embedded: run train (writes {ModelTraining.ModelPath}).");

    [Fact]
    public void The_shipped_model_was_trained_on_exactly_the_manifests_files_as_they_are_now()
    {
        var data = Data.Value;

        Assert.Equal(Shipped.Header.TrainingFiles, data.Files);
        Assert.Equal(ModelTraining.Features, Shipped.Header.Features);
        Assert.Equal(ModelTraining.Settings, Shipped.Header.Trainer);
        Assert.Equal(ScreeningRules.Default.Document.Language.Fr, Shipped.Header.FrenchFunctionWords);
        Assert.Equal(ScreeningRules.Default.Document.Language.En, Shipped.Header.EnglishFunctionWords);
    }

    [Fact]
    public void Retraining_from_the_manifest_gives_the_shipped_weights_bit_for_bit()
    {
        var data = Data.Value;

        var (retrained, _) = ModelTraining.Fit(data, Shipped.Header.HoldoutFiles);

        Assert.Equal(Shipped.Header.WeightsSha256, retrained.Header.WeightsSha256);
        Assert.Equal(Shipped.Version, retrained.Version);
    }

    [Fact]
    public void The_holdout_scores_at_least_the_figures_recorded_with_the_model()
    {
        var recorded = JsonSerializer.Deserialize<HoldoutFigures>(File.ReadAllText(Path.Combine(Root, ModelTraining.FiguresPath)), TrainingManifest.JsonOptions)!;
        var holdout = Manifest.HoldoutPaths(Root);
        Assert.Equal(recorded.HoldoutFiles, holdout);
        Assert.Equal(Shipped.Version, recorded.ModelVersion);

        var (matrix, _) = ScreenEvaluation.Run(holdout.SelectMany(p => CorpusRecord.ReadAll(Path.Combine(Root, p))).ToList(), ScreeningContext.Default);

        Assert.True(matrix.MacroF1 >= recorded.Holdout.MacroF1 - 1e-4, $"holdout macro-F1 {matrix.MacroF1:0.0000} < recorded {recorded.Holdout.MacroF1:0.0000}\n{matrix.Format()}");
        Assert.True(matrix.SpamFalsePositiveRate <= recorded.Holdout.SpamFalsePositiveRate + 1e-4, $"holdout spam FPR {matrix.SpamFalsePositiveRate:0.0000} > recorded {recorded.Holdout.SpamFalsePositiveRate:0.0000}");
    }

    [Fact]
    public void No_holdout_file_is_a_training_file()
    {
        var training = Manifest.Training.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Manifest.HoldoutPaths(Root), training.Contains);
    }

    [Fact]
    public void The_model_file_round_trips_and_refuses_tampered_weights()
    {
        var data = Data.Value with { Examples = Data.Value.Examples.Take(40).ToList() };
        var (model, payload) = ModelTraining.Fit(data, []);
        var bytes = ScreeningModel.Write(model.Header, payload);

        var read = ScreeningModel.Read(new MemoryStream(bytes));
        Assert.Equal(model.Header.WeightsSha256, read.Header.WeightsSha256);

        var tampered = ScreeningModel.Write(model.Header, payload.Select((b, i) => i == 40 ? (byte)(b ^ 0x55) : b).ToArray());
        Assert.Throws<FormatException>(() => ScreeningModel.Read(new MemoryStream(tampered)));
    }

    [Fact]
    public void The_shipped_model_stays_under_50_MB_in_memory()
    {
        Assert.True(Shipped.WeightBytes < 50L * 1024 * 1024, $"{Shipped.WeightBytes} bytes");
    }
}
