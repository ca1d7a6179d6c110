using System.Diagnostics;
using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// <c>train --compare-mlnet</c>: the same training examples through ML.NET (FeaturizeText + SdcaMaximumEntropy), against
/// our hashed logistic regression, both as text classifiers alone (no rules): holdout macro-F1, training time,
/// predict latency and model size.
/// </summary>
public static class MlNetComparison
{
    private const int LatencyRounds = 20;

    public static int Run(TrainingData data, IReadOnlyList<CorpusRecord> holdout, ScreeningModel own, double ownTrainSeconds, long ownFileBytes, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(data.Examples.Select(e => Row(e.Record)).ToList());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(MlRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var clock = Stopwatch.StartNew();
        var trained = pipeline.Fit(train);
        double mlTrainSeconds = clock.Elapsed.TotalSeconds;
        using var saved = new MemoryStream();
        ml.Model.Save(trained, train.Schema, saved);

        var engine = ml.Model.CreatePredictionEngine<MlRow, MlPrediction>(trained);
        var rows = holdout.Select(Row).ToList();
        var mlMatrix = new ConfusionMatrix();
        foreach (var row in rows) mlMatrix.Add(WireNames.Parse<LeadIntent>(row.Label), WireNames.Parse<LeadIntent>(engine.Predict(row).PredictedLabel ?? "commercial"));
        clock.Restart();
        for (int r = 0; r < LatencyRounds; r++) foreach (var row in rows) engine.Predict(row);
        double mlMicros = clock.Elapsed.TotalMicroseconds / (LatencyRounds * rows.Count);

        var ownMatrix = new ConfusionMatrix();
        var examples = holdout.Select(r => TrainingExample.From(r, own.Features, data.Words)).ToList();
        var vector = new FeatureVector();
        Span<double> p = stackalloc double[ScreeningModel.ClassCount];
        foreach (var e in examples)
        {
            Predict(own, e, vector, p);
            ownMatrix.Add((LeadIntent)e.Label, (LeadIntent)ArgMax(p));
        }
        var captured = holdout.Select(r => CorpusRecordMapper.Map(r, ScreenEvaluation.EvaluationTime)).ToList();
        clock.Restart();
        for (int r = 0; r < LatencyRounds; r++) foreach (var lead in captured) ModelOnly(own, lead, vector, p);
        double ownMicros = clock.Elapsed.TotalMicroseconds / (LatencyRounds * holdout.Count);

        output.WriteLine();
        output.WriteLine("== text classifiers alone (no rules) on the holdout");
        output.WriteLine($"{"",-38}{"macro-F1",10}{"spam FPR",10}{"train s",10}{"predict µs",12}{"size KB",10}");
        output.WriteLine(string.Create(inv, $"{"ML.NET FeaturizeText + SdcaMaxEntropy",-38}{mlMatrix.MacroF1,10:0.000}{mlMatrix.SpamFalsePositiveRate,10:0.000}{mlTrainSeconds,10:0.00}{mlMicros,12:0.0}{saved.Length / 1024,10}"));
        output.WriteLine(string.Create(inv, $"{"own hashed n-gram logistic regression",-38}{ownMatrix.MacroF1,10:0.000}{ownMatrix.SpamFalsePositiveRate,10:0.000}{ownTrainSeconds,10:0.00}{ownMicros,12:0.0}{ownFileBytes / 1024,10}"));
        output.WriteLine("(predict µs, one thread: own = fold the text, hash the features, dot product, softmax; ML.NET = PredictionEngine.Predict on the same text)");
        return 0;
    }

    private static void Predict(ScreeningModel model, TrainingExample e, FeatureVector vector, Span<double> p)
    {
        vector.Clear();
        for (int i = 0; i < e.Indices.Length; i++) vector.Add(e.Indices[i], e.Values[i], 0);
        model.Predict(vector, p);
    }

    private static void ModelOnly(ScreeningModel model, CapturedLead captured, FeatureVector vector, Span<double> p)
    {
        using var message = FoldedText.Build(captured.Subject, captured.Message);
        using var names = FoldedText.Build(captured.Contact.FirstName, captured.Contact.LastName, captured.Contact.FullName);
        var domain = captured.Contact.Email is { } email && email.LastIndexOf('@') is var at and >= 0 ? email[(at + 1)..].ToLowerInvariant() : null;
        model.Extract(new ModelInput(captured.Channel, message, names, domain), vector);
        model.Predict(vector, p);
    }

    private static int ArgMax(ReadOnlySpan<double> p)
    {
        int best = 0;
        for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    private static MlRow Row(CorpusRecord record)
    {
        var captured = CorpusRecordMapper.Map(record, ScreenEvaluation.EvaluationTime);
        var domain = captured.Contact.Email is { } email && email.LastIndexOf('@') is var at and >= 0 ? email[(at + 1)..] : "";
        var text = string.Join(" \n ", new[] { captured.Subject, captured.Message, captured.Contact.FirstName, captured.Contact.LastName, captured.Contact.FullName, domain, "channel_" + WireNames.Of(captured.Channel) }
            .Where(s => !string.IsNullOrEmpty(s)));
        return new MlRow { Text = text, Label = record.Label };
    }

    public sealed class MlRow
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class MlPrediction
    {
        [ColumnName("PredictedLabel")]
        public string? PredictedLabel { get; set; }
    }
}
