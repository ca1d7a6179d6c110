using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>Screens every record of a labeled corpus and scores the predictions (used by screen-eval and by the corpus test).</summary>
public static class ScreenEvaluation
{
    // A fixed instant: corpus leads carry elapsed times, not timestamps, and the evaluation must be repeatable.
    public static readonly DateTimeOffset EvaluationTime = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public static (ConfusionMatrix Matrix, IReadOnlyList<ScreenPrediction> Predictions) Run(IEnumerable<CorpusRecord> records, ScreeningContext context)
    {
        var matrix = new ConfusionMatrix();
        var predictions = new List<ScreenPrediction>();
        foreach (var record in records)
        {
            var expected = WireNames.Parse<LeadIntent>(record.Label);
            var captured = CorpusRecordMapper.Map(record, EvaluationTime);
            var (lead, _) = Lead.Capture(captured, LeadId.New(EvaluationTime), EvaluationTime);
            var outcome = LeadScreener.Screen(lead, context, EvaluationTime);
            matrix.Add(expected, outcome.Decision.Intent);
            predictions.Add(new ScreenPrediction(record.Id, expected, outcome.Decision.Intent, outcome.Decision)
            {
                Review = outcome.Trigger == LeadTrigger.HoldForReview,
                Source = record.Source,
            });
        }
        return (matrix, predictions);
    }
}
