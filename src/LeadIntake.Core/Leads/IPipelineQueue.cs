namespace LeadIntake.Core.Leads;

/// <summary>Hands a lead to the next stage. Messages carry the id only, never personal data (STYLE 7).</summary>
public interface IPipelineQueue
{
    Task EnqueueAsync(PipelineQueue queue, LeadId id, CancellationToken cancellationToken);
}
