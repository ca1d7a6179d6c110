using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// Multinomial logistic regression (softmax over the five classes) fitted by AdaGrad with L2 on the touched weights.
/// Single-threaded, a fixed shuffle from a seeded SplitMix64 and a fixed iteration order: the same examples and settings
/// give bit-identical weights, which the model-matches-manifest test relies on.
/// </summary>
public static class ModelTrainer
{
    private const int Classes = ScreeningModel.ClassCount;
    private const double Epsilon = 1e-6;

    public static (float[] Bias, float[] Weights) Fit(IReadOnlyList<TrainingExample> examples, ModelFeatureConfig config, ModelTrainerSettings settings)
    {
        var w = new double[config.Buckets * Classes];
        var g2 = new double[w.Length];
        var b = new double[Classes];
        var gb2 = new double[Classes];
        var classWeight = ClassWeights(examples, settings.BalanceClasses);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new SplitMix64((ulong)settings.Seed);
        Span<double> logits = stackalloc double[Classes];
        Span<double> p = stackalloc double[Classes];
        Span<double> g = stackalloc double[Classes];
        double lr = settings.LearningRate, l2 = settings.L2;

        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)(random.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            foreach (int e in order)
            {
                var example = examples[e];
                var indices = example.Indices;
                var values = example.Values;
                for (int c = 0; c < Classes; c++) logits[c] = b[c];
                for (int f = 0; f < indices.Length; f++)
                {
                    int row = indices[f] * Classes;
                    double v = values[f];
                    for (int c = 0; c < Classes; c++) logits[c] += v * w[row + c];
                }
                ScreeningModel.Softmax(logits, p);
                double weight = classWeight[example.Label];
                for (int c = 0; c < Classes; c++) g[c] = (p[c] - (c == example.Label ? 1 : 0)) * weight;
                for (int f = 0; f < indices.Length; f++)
                {
                    int row = indices[f] * Classes;
                    double v = values[f];
                    for (int c = 0; c < Classes; c++)
                    {
                        int k = row + c;
                        double grad = g[c] * v + l2 * w[k];
                        g2[k] += grad * grad;
                        w[k] -= lr * grad / (Math.Sqrt(g2[k]) + Epsilon);
                    }
                }
                for (int c = 0; c < Classes; c++)
                {
                    gb2[c] += g[c] * g[c];
                    b[c] -= lr * g[c] / (Math.Sqrt(gb2[c]) + Epsilon);
                }
            }
        }
        return (b.Select(x => (float)x).ToArray(), w.Select(x => (float)x).ToArray());
    }

    private static double[] ClassWeights(IReadOnlyList<TrainingExample> examples, bool balance)
    {
        var weights = new double[Classes];
        var counts = new int[Classes];
        foreach (var e in examples) counts[e.Label]++;
        int present = counts.Count(c => c > 0);
        for (int c = 0; c < Classes; c++) weights[c] = !balance ? 1 : counts[c] == 0 ? 0 : (double)examples.Count / (present * counts[c]);
        return weights;
    }

    /// <summary>A tiny, fully specified generator (System.Random's seeded sequence is an implementation detail).</summary>
    private sealed class SplitMix64(ulong state)
    {
        public ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
