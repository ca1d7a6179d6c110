using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>The pipeline queues (contract names: issue "Foundation").</summary>
internal static class QueueNames
{
    public const string LeadsCaptured = "leads-captured";
    public const string LeadsDispatch = "leads-dispatch";
    /// <summary>Erasure requests to carry out, one message per request: <c>{"requestId": …, "v": 1}</c> (docs/privacy.md).</summary>
    public const string PrivacyErasure = "privacy-erasure";

    /// <summary>The app setting that names the queues' storage account (a queue trigger's <c>Connection</c>).</summary>
    public const string Connection = StorageAccount.SettingName;

    public static string Of(PipelineQueue queue) => queue switch
    {
        PipelineQueue.Captured => LeadsCaptured,
        PipelineQueue.Dispatch => LeadsDispatch,
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
    };

    public static IReadOnlyList<string> All { get; } = [LeadsCaptured, LeadsDispatch, PrivacyErasure];
}
