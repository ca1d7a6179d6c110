using System.Text.Json;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Benchmarks.Screening;

/// <summary><c>screen-eval FILE [--out FILE]</c>: screening quality on a labeled JSONL corpus.</summary>
public static class ScreenEvalCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string? corpus = null, outFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length) outFile = args[++i];
            else if (corpus is null && !args[i].StartsWith("--", StringComparison.Ordinal)) corpus = args[i];
            else
            {
                Console.Error.WriteLine($"screen-eval: unexpected argument '{args[i]}'");
                return 2;
            }
        }
        if (corpus is null || !File.Exists(corpus))
        {
            Console.Error.WriteLine(corpus is null ? "screen-eval: give the corpus file" : $"screen-eval: no such file '{corpus}'");
            return 2;
        }

        var (matrix, predictions) = ScreenEvaluation.Run(CorpusRecord.ReadAll(corpus), ScreeningContext.Default);
        output.WriteLine($"rules version: {LeadScreener.RulesVersion}, model: {LeadScreener.ModelVersion ?? "none (rules only)"}");
        output.Write(matrix.Format());
        var reviews = predictions.Where(p => p.Review).ToList();
        output.WriteLine($"held for review: {reviews.Count} ({reviews.Count(p => p.Expected == LeadIntent.Spam)} spam, {reviews.Count(p => p.Expected != LeadIntent.Spam)} genuine); predicted is the best guess");
        if (predictions.Any(p => p.Source is not null)) WriteSourceBreakdown(predictions, output);
        var misses = predictions.Where(p => p.Expected != p.Predicted).ToList();
        if (misses.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("misclassified:");
            foreach (var m in misses) output.WriteLine($"  {m.Id}: expected {WireNames.Of(m.Expected)}, predicted {WireNames.Of(m.Predicted)} (spam score {m.Decision.SpamScore})");
        }

        if (outFile is not null)
        {
            using var writer = new StreamWriter(outFile);
            foreach (var p in predictions)
            {
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    id = p.Id,
                    predicted = WireNames.Of(p.Predicted),
                    score = p.Decision.SpamScore,
                    confidence = p.Decision.Confidence,
                    review = p.Review,
                    spamProbability = p.Decision.SpamProbability,
                    reasons = p.Decision.Reasons,
                }));
            }
            output.WriteLine($"wrote {predictions.Count} predictions to {outFile}");
        }
        return 0;
    }

    /// <summary>Per <c>source</c>: spam recall, genuine leads quarantined, service recall and macro-F1 of that group.</summary>
    private static void WriteSourceBreakdown(IReadOnlyList<ScreenPrediction> predictions, TextWriter output)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"{"source",-28}{"records",8}{"macro-F1",10}{"spam rec",10}{"genuine→spam",14}{"service rec",13}{"reviews",9}");
        foreach (var group in predictions.GroupBy(p => p.Source ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var matrix = new ConfusionMatrix();
            foreach (var p in group) matrix.Add(p.Expected, p.Predicted);
            static string Rate(int hit, int all) => all == 0 ? "-" : ((double)hit / all).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            var spam = group.Where(p => p.Expected == LeadIntent.Spam).ToList();
            var genuine = group.Where(p => p.Expected != LeadIntent.Spam).ToList();
            var service = group.Where(p => p.Expected == LeadIntent.Service).ToList();
            output.WriteLine(string.Create(inv,
                $"{group.Key,-28}{group.Count(),8}{matrix.MacroF1,10:0.000}{Rate(spam.Count(p => p.Predicted == LeadIntent.Spam), spam.Count),10}{Rate(genuine.Count(p => p.Predicted == LeadIntent.Spam), genuine.Count),14}{Rate(service.Count(p => p.Predicted == LeadIntent.Service), service.Count),13}{group.Count(p => p.Review),9}"));
        }
    }
}
