using System.Security.Cryptography;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// Training from the manifest, shared by the <c>train</c> verb and the model-matches-manifest test: read the training
/// files that exist (hashing each), featurise, fit, and wrap the weights in a model whose header records its provenance.
/// </summary>
public static class ModelTraining
{
    public const string ManifestPath = "tests/corpus/train/manifest.json";
    public const string ModelPath = "src/LeadIntake.Core/Screening/Model/screening-model.bin";
    public const string FiguresPath = "tests/corpus/holdout-figures.json";
    public const int Folds = 5;

    public static ModelFeatureConfig Features => ModelFeatureConfig.Default;
    public static ModelTrainerSettings Settings => new();

    /// <summary>The repository root: the nearest folder above <paramref name="start"/> holding LeadIntake.sln.</summary>
    public static string RepoRoot(string? start = null)
    {
        foreach (var origin in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeadIntake.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("No LeadIntake.sln above the current directory.");
    }

    /// <summary>Reads the manifest's training files that exist (others are listed in <see cref="TrainingData.Missing"/>).</summary>
    public static TrainingData Load(string repoRoot, TrainingManifest manifest, IEnumerable<string> extraFiles)
    {
        var words = FunctionWordLists.FromShippedRules();
        var files = new List<(string Path, string Sha, IReadOnlyList<CorpusRecord> Records)>();
        var missing = new List<string>();
        foreach (var path in manifest.Training.Select(t => t.Path).Concat(extraFiles))
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(repoRoot, path);
            if (!File.Exists(full))
            {
                missing.Add(path);
                continue;
            }
            var bytes = File.ReadAllBytes(full);
            files.Add((path, ScreeningModel.Sha256(bytes), CorpusRecord.ReadAll(full)));
        }
        var examples = files.SelectMany(f => f.Records).Select(r => TrainingExample.From(r, Features, words)).ToList();
        var used = files.Select(f => new ModelDataFile(f.Path, f.Sha, f.Records.Count)).ToList();
        return new TrainingData(examples, used, missing, words);
    }

    public static IReadOnlyList<ModelDataFile> DescribeHoldout(string repoRoot, IReadOnlyList<string> holdout) =>
        holdout.Select(path =>
        {
            var full = Path.Combine(repoRoot, path);
            return new ModelDataFile(path, ScreeningModel.Sha256(File.ReadAllBytes(full)), CorpusRecord.ReadAll(full).Count);
        }).ToList();

    /// <summary>Fits on every example and builds the model as the file will hold it (float16 weights).</summary>
    public static (ScreeningModel Model, byte[] Payload) Fit(
        TrainingData data,
        IReadOnlyList<ModelDataFile> holdout,
        IReadOnlyDictionary<string, double>? figures = null)
    {
        var (bias, weights) = ModelTrainer.Fit(data.Examples, Features, Settings);
        return ScreeningModel.FromTrained(sha => Header(sha, data, holdout, figures), bias, weights);
    }

    public static ModelHeader Header(string sha, TrainingData data, IReadOnlyList<ModelDataFile> holdout, IReadOnlyDictionary<string, double>? figures) => new()
    {
        Version = $"m1-{sha[..12]}",
        Features = Features,
        Classes = Enum.GetValues<LeadIntent>().Select(WireNames.Of).ToList(),
        FrenchFunctionWords = data.Words.French,
        EnglishFunctionWords = data.Words.English,
        Trainer = Settings,
        TrainingFiles = data.Files,
        HoldoutFiles = holdout,
        WeightsSha256 = sha,
        Figures = figures ?? new Dictionary<string, double>(),
    };

    /// <summary>
    /// Stratified k-fold cross-validation on the training examples: each fold's model screens its held-out fifth
    /// through the whole decider (rules + model + combination), as the app would.
    /// </summary>
    public static (ConfusionMatrix Matrix, IReadOnlyList<ScreenPrediction> Predictions) CrossValidate(TrainingData data, ScreeningContext baseContext, int folds = Folds) =>
        CrossValidate(data, [baseContext], folds)[0];

    /// <summary>Cross-validation of several decision settings (contexts) over the same fold models.</summary>
    public static IReadOnlyList<(ConfusionMatrix Matrix, IReadOnlyList<ScreenPrediction> Predictions)> CrossValidate(
        TrainingData data, IReadOnlyList<ScreeningContext> contexts, int folds = Folds)
    {
        var fold = FoldOf(data.Examples, folds, Settings.Seed);
        var results = contexts.Select(_ => (Matrix: new ConfusionMatrix(), Predictions: new List<ScreenPrediction>())).ToList();
        for (int k = 0; k < folds; k++)
        {
            var train = data.Examples.Where((_, i) => fold[i] != k).ToList();
            var test = data.Examples.Where((_, i) => fold[i] == k).Select(e => e.Record).ToList();
            if (test.Count == 0 || train.Count == 0) continue;
            var (bias, weights) = ModelTrainer.Fit(train, Features, Settings);
            var (model, _) = ScreeningModel.FromTrained(sha => Header(sha, data, [], null), bias, weights);
            for (int c = 0; c < contexts.Count; c++)
            {
                var (_, predictions) = ScreenEvaluation.Run(test, contexts[c] with { Model = model });
                foreach (var p in predictions) results[c].Matrix.Add(p.Expected, p.Predicted);
                results[c].Predictions.AddRange(predictions);
            }
        }
        return results.Select(r => (r.Matrix, (IReadOnlyList<ScreenPrediction>)r.Predictions)).ToList();
    }

    private static int[] FoldOf(IReadOnlyList<TrainingExample> examples, int folds, int seed)
    {
        var fold = new int[examples.Count];
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label))
        {
            // A fixed, seed-dependent order inside each class, then round-robin over the folds.
            var ordered = group.OrderBy(i => Mix((ulong)seed, examples[i].Record.Id)).ThenBy(i => i).ToList();
            for (int r = 0; r < ordered.Count; r++) fold[ordered[r]] = r % folds;
        }
        return fold;
    }

    private static ulong Mix(ulong seed, string id)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{id}"));
        return BitConverter.ToUInt64(hash, 0);
    }
}

/// <summary>The examples to train on, the files they came from (with SHA-256), and manifest files not present.</summary>
public sealed record TrainingData(
    IReadOnlyList<TrainingExample> Examples,
    IReadOnlyList<ModelDataFile> Files,
    IReadOnlyList<string> Missing,
    FunctionWordLists Words);
