using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Core.Tests.Screening.Model;

/// <summary>Hand-made models for decider tests: chosen class probabilities, or chosen weights on named words.</summary>
internal static class TestModels
{
    public static readonly ModelFeatureConfig Small = ModelFeatureConfig.Default with { Buckets = 1 << 12 };

    /// <summary>A model that says the same probabilities whatever the text (biases only).</summary>
    public static ScreeningModel Constant(double spam, LeadIntent genuine = LeadIntent.Commercial)
    {
        var bias = new float[ScreeningModel.ClassCount];
        for (int c = 0; c < bias.Length; c++) bias[c] = -30;
        bias[(int)LeadIntent.Spam] = (float)Math.Log(spam);
        bias[(int)genuine] = (float)Math.Log(1 - spam);
        return new ScreeningModel(Header(), bias, new float[Small.Buckets * ScreeningModel.ClassCount]);
    }

    /// <summary>A model whose only evidence is the given message words, each pushing towards one class.</summary>
    public static ScreeningModel Words(params (string Word, LeadIntent Intent, float Weight)[] words)
    {
        var weights = new float[Small.Buckets * ScreeningModel.ClassCount];
        foreach (var (word, intent, weight) in words)
        {
            int bucket = FeatureHasher.Bucket(FeatureHasher.Add(FeatureHasher.Start(Small.HashSeed, 'w'), word), Small.Buckets - 1);
            weights[bucket * ScreeningModel.ClassCount + (int)intent] += weight;
        }
        return new ScreeningModel(Header(), new float[ScreeningModel.ClassCount], weights);
    }

    private static ModelHeader Header() => new()
    {
        Version = "test-model",
        Features = Small,
        Classes = Enum.GetValues<LeadIntent>().Select(WireNames.Of).ToList(),
        FrenchFunctionWords = ScreeningRules.Default.Document.Language.Fr,
        EnglishFunctionWords = ScreeningRules.Default.Document.Language.En,
        Trainer = new ModelTrainerSettings(),
        WeightsSha256 = "",
    };
}
