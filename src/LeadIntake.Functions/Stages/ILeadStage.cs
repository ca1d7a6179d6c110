using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Functions.Stages;

/// <summary>
/// One pipeline stage as the <see cref="StageRunner"/> runs it: the facts its pure decider needs, loaded for one lead
/// (history, directory, rotation, settings…), and the decider itself, which usually lives in Core. A stage never saves
/// a lead nor takes a next step on its own: it answers a <see cref="StageDecision"/>.
/// </summary>
internal interface ILeadStage<TFacts>
{
    /// <summary>A plain word for logs and metrics (<c>screening</c>, <c>dispatch</c>).</summary>
    string Name { get; }

    /// <summary>The facts for <paramref name="lead"/>. Loaded once per run; a decision after a concurrent change reuses them.</summary>
    Task<TFacts> LoadFactsAsync(Lead lead, CancellationToken cancellationToken);

    StageDecision Decide(Lead lead, TFacts facts, DateTimeOffset now);
}
