using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>The pipeline queues (contract names: issue "Foundation").</summary>
public static class QueueNames
{
    public const string LeadsCaptured = "leads-captured";
    public const string LeadsDispatch = "leads-dispatch";

    public static string Of(PipelineQueue queue) => queue switch
    {
        PipelineQueue.Captured => LeadsCaptured,
        PipelineQueue.Dispatch => LeadsDispatch,
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
    };

    public static IReadOnlyList<string> All { get; } = [LeadsCaptured, LeadsDispatch];
}
