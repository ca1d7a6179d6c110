namespace LeadIntake.Core.Leads;

/// <summary>The queues between pipeline stages. Names are the storage queue names (contract: issue "Foundation").</summary>
public enum PipelineQueue
{
    /// <summary><c>leads-captured</c> → Screen.</summary>
    Captured,
    /// <summary><c>leads-dispatch</c> → Dispatch.</summary>
    Dispatch,
}
