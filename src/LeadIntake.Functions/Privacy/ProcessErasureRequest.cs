using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// Queue function on <c>privacy-erasure</c>: carries one erasure request out. A failure propagates, so the message comes
/// back and the request resumes from its recorded progress; after the dequeue limit it goes to the poison queue.
/// </summary>
internal sealed partial class ProcessErasureRequest(ErasureRequests erasures, ILogger<ProcessErasureRequest> logger)
{
    [Function(nameof(ProcessErasureRequest))]
    public Task RunAsync(
        [QueueTrigger(QueueNames.PrivacyErasure, Connection = QueueNames.Connection)] string message, string id, CancellationToken cancellationToken)
    {
        if (ErasureRequests.RequestIdOf(message) is not { } requestId)
        {
            LogUnreadable(logger, id);
            return Task.CompletedTask;
        }
        return erasures.ProcessAsync(requestId, cancellationToken);
    }

    [LoggerMessage(EventId = 9405, Level = LogLevel.Warning, Message = "privacy-erasure: message {MessageId} is not an erasure request; completed without work")]
    private static partial void LogUnreadable(ILogger logger, string messageId);
}
