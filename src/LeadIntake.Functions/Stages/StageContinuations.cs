using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Stages;

/// <summary>A stage that can run right after the one before it, in the same invocation (<see cref="LeadIntake.Core.Stages.NextStep.Continue"/>).</summary>
internal interface IStageContinuation
{
    /// <summary>The queue that carries the lead to this stage when it does not run inline.</summary>
    PipelineQueue Queue { get; }

    /// <summary>Runs the stage on <paramref name="lead"/> as the stage before saved it. False when it did not run (turned off): the caller queues the lead.</summary>
    Task<bool> TryRunAsync(StoredLead lead, CancellationToken cancellationToken);
}

/// <summary>
/// The stages that may continue a run, by the queue that would otherwise carry the lead. Looked up when first needed
/// rather than injected into <see cref="StageRunner"/>: those stages run on a <see cref="StageRunner"/> themselves.
/// </summary>
internal sealed class StageContinuations(Func<IEnumerable<IStageContinuation>> stages)
{
    public IStageContinuation? For(PipelineQueue queue) => stages().FirstOrDefault(c => c.Queue == queue);
}
