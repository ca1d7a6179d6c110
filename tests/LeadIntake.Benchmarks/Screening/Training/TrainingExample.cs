using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Benchmarks.Screening.Training;

/// <summary>
/// One labeled record as the model sees it: the record mapped through the real intake parser (as screen-eval does),
/// its contact normalised and its text folded exactly as <see cref="LeadScreener"/> does, then hashed to features with
/// duplicates merged. Keeps the record, so cross-validation can screen it through the whole decider.
/// </summary>
public sealed class TrainingExample
{
    private TrainingExample(CorpusRecord record, int label, int[] indices, float[] values)
    {
        Record = record;
        Label = label;
        Indices = indices;
        Values = values;
    }

    public CorpusRecord Record { get; }
    /// <summary>The class index (<see cref="LeadIntent"/> order).</summary>
    public int Label { get; }
    public int[] Indices { get; }
    public float[] Values { get; }

    public static TrainingExample From(CorpusRecord record, ModelFeatureConfig config, FunctionWordLists words)
    {
        var captured = CorpusRecordMapper.Map(record, ScreenEvaluation.EvaluationTime);
        var contact = ContactNormaliser.Normalise(captured.Contact, CorpusRecordMapper.DefaultPhoneRegion, DisposableDomains.Bundled);
        using var message = FoldedText.Build(captured.Subject, captured.Message);
        using var names = FoldedText.Build(captured.Contact.FirstName, captured.Contact.LastName, captured.Contact.FullName);
        var vector = new FeatureVector();
        ModelFeatures.Extract(new ModelInput(captured.Channel, message, names, contact.EmailDomain), config, words.Compiled, vector);

        var merged = new SortedDictionary<int, float>();
        for (int i = 0; i < vector.Count; i++) merged[vector.Indices[i]] = merged.GetValueOrDefault(vector.Indices[i]) + vector.Values[i];
        return new TrainingExample(record, (int)WireNames.Parse<LeadIntent>(record.Label), merged.Keys.ToArray(), merged.Values.ToArray());
    }
}

/// <summary>The French and English function words frozen into a model (taken from the shipped rules at training).</summary>
public sealed class FunctionWordLists(IReadOnlyList<string> french, IReadOnlyList<string> english)
{
    public IReadOnlyList<string> French { get; } = french;
    public IReadOnlyList<string> English { get; } = english;
    internal FunctionWords Compiled { get; } = new(french, english);

    public static FunctionWordLists FromShippedRules() =>
        new(ScreeningRules.Default.Document.Language.Fr, ScreeningRules.Default.Document.Language.En);
}
