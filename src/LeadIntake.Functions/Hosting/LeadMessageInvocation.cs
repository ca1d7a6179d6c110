using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The binding every pipeline queue function shares: read the lead id from the message, open the invocation's
/// trace, call the stage's handler. A message that is not a lead message can never succeed: logged and completed.
/// </summary>
internal static partial class LeadMessageInvocation
{
    public static async Task RunAsync(
        string function, string message, string messageId, Func<LeadId, CancellationToken, Task> handle, ILogger logger, CancellationToken cancellationToken)
    {
        if (LeadMessage.TryReadLeadId(message) is not { } id)
        {
            LogUnreadable(logger, function, messageId);
            return;
        }
        using var activity = LeadIntakeTelemetry.StartInvocation(function, id.Value);
        await handle(id, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} is not a lead message; completed without work")]
    private static partial void LogUnreadable(ILogger logger, string function, string messageId);
}
