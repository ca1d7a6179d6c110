using LeadIntake.Benchmarks.Screening;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Core.Tests.Screening;

public class CorpusScreeningTests
{
    // dev.jsonl is the shared development corpus, copied into the repository (tests read nothing outside it). It is
    // also a training file of the model, so this is a floor against regressions, not a measure of generalisation.
    [Fact]
    public void Screen_meets_the_quality_targets_on_the_shared_corpus()
    {
        AssertQuality(LocateRepoCorpus("dev.jsonl"), minMacroF1: 0.92);
    }

    // holdout-b is the final split: never tuned on, only measured. The floor sits a little under the 0.92 target so
    // one unlucky record doesn't fail the build, while a rule change that stops generalising does.
    [Fact]
    public void Screen_generalises_to_the_final_holdout_corpus()
    {
        AssertQuality(LocateRepoCorpus("holdout-b.jsonl"), minMacroF1: 0.90);
    }

    private static void AssertQuality(string corpus, double minMacroF1)
    {
        var (matrix, predictions) = ScreenEvaluation.Run(CorpusRecord.ReadAll(corpus), ScreeningContext.Default);

        var misses = string.Join(", ", predictions.Where(p => p.Expected != p.Predicted)
            .Select(p => $"{p.Id}: {WireNames.Of(p.Expected)}→{WireNames.Of(p.Predicted)}"));
        Assert.True(matrix.MacroF1 >= minMacroF1, $"{Path.GetFileName(corpus)}: macro-F1 {matrix.MacroF1:0.000} < {minMacroF1:0.00}; misses: {misses}\n{matrix.Format()}");
        // Quarantined outright: a genuine lead held for review is not lost and reaches no rep, so it is not counted
        // here (screen-eval's spam FPR counts the best guess, review included; the recorded holdout figures use that).
        var genuine = predictions.Where(p => p.Expected != LeadIntent.Spam).ToList();
        double quarantined = genuine.Count == 0 ? 0 : (double)genuine.Count(p => p.Predicted == LeadIntent.Spam && !p.Review) / genuine.Count;
        Assert.True(quarantined <= 0.01, $"{Path.GetFileName(corpus)}: {quarantined:0.000} of genuine leads quarantined > 1%; misses: {misses}");
    }

    // Our own corpora are committed under tests/corpus/ of the repository (the directory holding LeadIntake.sln).
    private static string LocateRepoCorpus(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "LeadIntake.sln"))) continue;
            var candidate = Path.Combine(dir.FullName, "tests", "corpus", fileName);
            if (File.Exists(candidate)) return candidate;
            throw new FileNotFoundException($"No tests/corpus/{fileName} in the repository at {dir.FullName}.");
        }
        throw new FileNotFoundException($"No LeadIntake.sln above {AppContext.BaseDirectory}.");
    }
}
