using LeadIntake.Benchmarks.Screening;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Core.Tests.Screening;

public class CorpusScreeningTests
{
    [Fact]
    public void Screen_meets_the_quality_targets_on_the_shared_corpus()
    {
        var (matrix, predictions) = ScreenEvaluation.Run(CorpusRecord.ReadAll(LocateCorpus()), ScreeningContext.Default);

        var misses = string.Join(", ", predictions.Where(p => p.Expected != p.Predicted)
            .Select(p => $"{p.Id}: {WireNames.Of(p.Expected)}→{WireNames.Of(p.Predicted)}"));
        Assert.True(matrix.MacroF1 >= 0.92, $"macro-F1 {matrix.MacroF1:0.000} < 0.92; misses: {misses}\n{matrix.Format()}");
        Assert.True(matrix.SpamFalsePositiveRate <= 0.01, $"spam FP rate {matrix.SpamFalsePositiveRate:0.000} > 1%; misses: {misses}");
    }

    // The corpus lives beside the repository (shared/samples/ next to the clone in CI, /work/shared here).
    private static string LocateCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples", "corpus.jsonl");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"No shared/samples/corpus.jsonl beside the repository (searched up from {AppContext.BaseDirectory}).");
    }
}
