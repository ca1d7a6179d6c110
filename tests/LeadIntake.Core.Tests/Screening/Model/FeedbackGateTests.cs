using LeadIntake.Benchmarks.Screening;
using LeadIntake.Benchmarks.Screening.Training;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Screening.Model;

public class FeedbackGateTests
{
    private static ConfusionMatrix Matrix(int spamRight, int spamAsCommercial, int commercialRight, int commercialAsSpam)
    {
        var matrix = new ConfusionMatrix();
        for (int i = 0; i < spamRight; i++) matrix.Add(LeadIntent.Spam, LeadIntent.Spam);
        for (int i = 0; i < spamAsCommercial; i++) matrix.Add(LeadIntent.Spam, LeadIntent.Commercial);
        for (int i = 0; i < commercialRight; i++) matrix.Add(LeadIntent.Commercial, LeadIntent.Commercial);
        for (int i = 0; i < commercialAsSpam; i++) matrix.Add(LeadIntent.Commercial, LeadIntent.Spam);
        return matrix;
    }

    [Fact]
    public void Training_with_feedback_refuses_a_model_with_a_lower_holdout_macro_F1_and_says_why()
    {
        var reason = TrainCommand.RefusalReason(current: Matrix(10, 0, 10, 0), candidate: Matrix(8, 2, 10, 0));

        Assert.NotNull(reason);
        Assert.Contains("macro-F1 would drop from 1.000", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_with_feedback_refuses_a_model_that_quarantines_more_genuine_leads()
    {
        var reason = TrainCommand.RefusalReason(current: Matrix(9, 1, 10, 0), candidate: Matrix(10, 0, 9, 1));

        Assert.NotNull(reason);
        Assert.Contains("false-positive rate would rise", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_with_feedback_accepts_a_model_at_least_as_good()
    {
        Assert.Null(TrainCommand.RefusalReason(current: Matrix(9, 1, 10, 0), candidate: Matrix(10, 0, 10, 0)));
        Assert.Null(TrainCommand.RefusalReason(current: Matrix(10, 0, 10, 0), candidate: Matrix(10, 0, 10, 0)));
    }
}
