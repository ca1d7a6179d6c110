using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// <c>train [--manifest FILE] [--out FILE] [--with-feedback FILE] [--compare-mlnet] [--no-cv] [--tune] [--verbose]</c>: trains the screening
/// model from the manifest with a fixed seed, prints cross-validated training figures and the holdout figures, writes
/// the model resource and tests/corpus/holdout-figures.json. With feedback, refuses to write a model that scores worse
/// on the holdout than the one it would replace.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string? manifestPath = null, outPath = null, feedback = null;
        bool compare = false, crossValidate = true, tune = false, verbose = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--manifest" when i + 1 < args.Length: manifestPath = args[++i]; break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--with-feedback" when i + 1 < args.Length: feedback = args[++i]; break;
                case "--compare-mlnet": compare = true; break;
                case "--no-cv": crossValidate = false; break;
                case "--tune": tune = true; break;
                case "--verbose": verbose = true; break;
                default:
                    Console.Error.WriteLine($"train: unexpected argument '{args[i]}'");
                    return 2;
            }
        }
        var inv = CultureInfo.InvariantCulture;
        var root = ModelTraining.RepoRoot();
        manifestPath ??= Path.Combine(root, ModelTraining.ManifestPath);
        outPath ??= Path.Combine(root, ModelTraining.ModelPath);
        if (feedback is not null && !File.Exists(feedback))
        {
            Console.Error.WriteLine($"train: no such feedback file '{feedback}'");
            return 2;
        }
        var manifest = TrainingManifest.Read(manifestPath);
        var clock = Stopwatch.StartNew();
        var data = ModelTraining.Load(root, manifest, feedback is null ? [] : [Path.GetFullPath(feedback)]);
        foreach (var missing in data.Missing) output.WriteLine($"skipped (not in this checkout): {missing}");
        foreach (var file in data.Files) output.WriteLine($"training file {file.Path}: {file.Records} records, sha256 {file.Sha256[..12]}…");
        output.WriteLine(string.Create(inv, $"{data.Examples.Count} training examples featurised in {clock.Elapsed.TotalSeconds:0.0} s"));
        var authors = manifest.Training.ToDictionary(t => t.Path, t => t.Author ?? "(unknown)", StringComparer.Ordinal);
        foreach (var share in data.Files.GroupBy(f => authors.GetValueOrDefault(f.Path, "feedback")).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int records = share.Sum(f => f.Records);
            output.WriteLine(string.Create(inv, $"  author {share.Key}: {records} records ({100.0 * records / Math.Max(1, data.Examples.Count):0.0} %)"));
        }
        UpdateCounts(manifest, data, manifestPath, root);

        var holdoutPaths = manifest.HoldoutPaths(root);
        var overlap = holdoutPaths.Intersect(data.Files.Select(f => f.Path)).ToList();
        if (overlap.Count > 0)
        {
            Console.Error.WriteLine($"train: holdout files are also training files: {string.Join(", ", overlap)}");
            return 2;
        }
        var holdout = ModelTraining.DescribeHoldout(root, holdoutPaths);
        var holdoutRecords = holdoutPaths.SelectMany(p => CorpusRecord.ReadAll(Path.Combine(root, p))).ToList();

        QualityFigures? cv = null;
        if (crossValidate)
        {
            clock.Restart();
            var (matrix, predictions) = ModelTraining.CrossValidate(data, ScreeningContext.Default);
            int reviews = predictions.Count(p => p.Review);
            cv = QualityFigures.From(matrix, reviews);
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"== {ModelTraining.Folds}-fold cross-validation on the training files (whole decision: rules + model), {clock.Elapsed.TotalSeconds:0.0} s"));
            output.Write(matrix.Format());
            output.WriteLine($"held for review: {reviews}");
            if (verbose) PrintMisses(predictions, output);
            if (tune) DecisionTuning.Run(data, output);
        }

        clock.Restart();
        var (model, payload) = ModelTraining.Fit(data, holdout);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"trained {model.Version} on {data.Examples.Count} examples in {trainSeconds:0.00} s (1 thread); weights {model.WeightBytes / 1024.0 / 1024.0:0.0} MB in memory"));

        var (holdoutMatrix, holdoutPredictions) = ScreenEvaluation.Run(holdoutRecords, ScreeningContext.Default with { Model = model });
        var figures = QualityFigures.From(holdoutMatrix, holdoutPredictions.Count(p => p.Review));
        output.WriteLine();
        output.WriteLine($"== HOLDOUT ({string.Join(", ", holdoutPaths)}): never trained or tuned on");
        output.Write(holdoutMatrix.Format());
        output.WriteLine($"held for review: {figures.Reviews}");
        if (verbose) PrintMisses(holdoutPredictions, output);

        if (feedback is not null && File.Exists(outPath))
        {
            using var stream = File.OpenRead(outPath);
            var current = ScreeningModel.Read(stream);
            var (old, oldPredictions) = ScreenEvaluation.Run(holdoutRecords, ScreeningContext.Default with { Model = current });
            output.WriteLine(string.Create(inv,
                $"current model {current.Version}: holdout macro-F1 {old.MacroF1:0.000}, spam FPR {old.SpamFalsePositiveRate:0.000}; with feedback: {holdoutMatrix.MacroF1:0.000}, {holdoutMatrix.SpamFalsePositiveRate:0.000}"));
            if (RefusalReason(old, holdoutMatrix) is { } why)
            {
                output.WriteLine($"REFUSED: the model trained with feedback scores worse on the holdout than {current.Version}: {why}. Nothing written.");
                return 3;
            }
        }

        var headerFigures = new Dictionary<string, double>
        {
            ["holdout.records"] = figures.Records,
            ["holdout.macroF1"] = figures.MacroF1,
            ["holdout.spamFalsePositiveRate"] = figures.SpamFalsePositiveRate,
            ["holdout.reviews"] = figures.Reviews,
        };
        if (cv is not null)
        {
            headerFigures["cv.records"] = cv.Records;
            headerFigures["cv.macroF1"] = cv.MacroF1;
            headerFigures["cv.spamFalsePositiveRate"] = cv.SpamFalsePositiveRate;
        }
        var header = model.Header with { Figures = headerFigures };
        File.WriteAllBytes(outPath, ScreeningModel.Write(header, payload));
        output.WriteLine($"wrote {Path.GetRelativePath(root, outPath)} ({new FileInfo(outPath).Length / 1024} KB)");
        if (Path.GetFullPath(outPath) == Path.GetFullPath(Path.Combine(root, ModelTraining.ModelPath)))
        {
            var recorded = new HoldoutFigures
            {
                ModelVersion = model.Version,
                RulesVersion = ScreeningRules.Default.Version,
                HoldoutFiles = holdoutPaths,
                Holdout = figures,
                CrossValidation = cv,
            };
            File.WriteAllText(Path.Combine(root, ModelTraining.FiguresPath), JsonSerializer.Serialize(recorded, TrainingManifest.JsonOptions) + "\n");
            output.WriteLine($"wrote {ModelTraining.FiguresPath}; rebuild so the app embeds the new model");
        }
        if (compare) return MlNetComparison.Run(data, holdoutRecords, model, trainSeconds, new FileInfo(outPath).Length, output);
        return 0;
    }

    /// <summary>Why a candidate model must not replace the current one (worse holdout macro-F1 or spam FPR), or null.</summary>
    public static string? RefusalReason(ConfusionMatrix current, ConfusionMatrix candidate)
    {
        var inv = CultureInfo.InvariantCulture;
        if (candidate.MacroF1 < current.MacroF1 - 1e-9)
        {
            return string.Create(inv, $"holdout macro-F1 would drop from {current.MacroF1:0.000} to {candidate.MacroF1:0.000}");
        }
        if (candidate.SpamFalsePositiveRate > current.SpamFalsePositiveRate + 1e-9)
        {
            return string.Create(inv, $"holdout spam false-positive rate would rise from {current.SpamFalsePositiveRate:0.000} to {candidate.SpamFalsePositiveRate:0.000}");
        }
        return null;
    }

    private static void PrintMisses(IReadOnlyList<ScreenPrediction> predictions, TextWriter output)
    {
        foreach (var p in predictions.Where(p => p.Expected != p.Predicted || p.Review))
        {
            output.WriteLine($"  {p.Id}: expected {LeadIntake.Core.Leads.WireNames.Of(p.Expected)}, predicted {LeadIntake.Core.Leads.WireNames.Of(p.Predicted)}{(p.Review ? " (review)" : "")}");
            foreach (var reason in p.Decision.Reasons) output.WriteLine($"      {reason}");
        }
    }

    /// <summary>Rewrites the manifest's per-class record counts when they changed (the files are the truth).</summary>
    private static void UpdateCounts(TrainingManifest manifest, TrainingData data, string manifestPath, string root)
    {
        var byFile = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var file in data.Files)
        {
            var full = Path.IsPathRooted(file.Path) ? file.Path : Path.Combine(root, file.Path);
            byFile[file.Path] = CorpusRecord.ReadAll(full).GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());
        }
        bool changed = false;
        var entries = manifest.Training.Select(entry =>
        {
            if (!byFile.TryGetValue(entry.Path, out var records)) return entry;
            if (entry.Records is not null && entry.Records.Count == records.Count && records.All(kv => entry.Records.GetValueOrDefault(kv.Key) == kv.Value)) return entry;
            changed = true;
            return entry with { Records = records };
        }).ToList();
        if (changed) (manifest with { Training = entries }).Write(manifestPath);
    }
}
