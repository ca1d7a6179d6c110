using System.Globalization;
using System.Text.Json;
using LeadIntake.Core.Screening;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// <c>train --tune</c>: the combination settings of the rules file's <c>model</c> section tried over the same
/// cross-validation folds of the training files (never the holdout), best first by spam FPR then macro-F1.
/// </summary>
public static class DecisionTuning
{
    public static void Run(TrainingData data, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var document = ScreeningRules.Default.Document;
        var grid = new List<(ModelRulesDocument Settings, ScreeningContext Context)>();
        foreach (var ruleWeight in new[] { 0.2, 0.3, 0.45, 0.6 })
        foreach (var threshold in new[] { 0.5, 0.65, 0.8 })
        foreach (var intentWeight in new[] { 0.0, 0.3, 0.6, 1.0 })
        {
            var settings = document.Model with { RuleWeight = ruleWeight, SpamThreshold = threshold, IntentRuleWeight = intentWeight };
            var rules = ScreeningRules.Parse(JsonSerializer.Serialize(document with { Model = settings }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            grid.Add((settings, ScreeningContext.Default with { Rules = rules }));
        }
        var results = ModelTraining.CrossValidate(data, grid.Select(g => g.Context).ToList());
        output.WriteLine();
        output.WriteLine("== decision settings over the cross-validation folds (training files only)");
        output.WriteLine($"{"ruleWeight",11}{"threshold",10}{"intentRule",11}{"macro-F1",10}{"spam FPR",10}{"spam rec",10}{"reviews",9}");
        foreach (var (candidate, (matrix, predictions)) in grid.Zip(results)
            .OrderBy(r => r.Second.Matrix.SpamFalsePositiveRate).ThenByDescending(r => r.Second.Matrix.MacroF1))
        {
            var settings = candidate.Settings;
            output.WriteLine(string.Create(inv,
                $"{settings.RuleWeight,11:0.00}{settings.SpamThreshold,10:0.00}{settings.IntentRuleWeight,11:0.00}{matrix.MacroF1,10:0.000}{matrix.SpamFalsePositiveRate,10:0.000}{matrix.Recall(LeadIntake.Core.Leads.LeadIntent.Spam),10:0.000}{predictions.Count(p => p.Review),9}"));
        }
    }
}
