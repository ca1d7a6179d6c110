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
        output.WriteLine($"rules version: {LeadScreener.RulesVersion}");
        output.Write(matrix.Format());
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
                    reasons = p.Decision.Reasons,
                }));
            }
            output.WriteLine($"wrote {predictions.Count} predictions to {outFile}");
        }
        return 0;
    }
}
