using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The binding every pipeline queue function shares: read the lead id from the message, open the invocation's
/// trace, call the stage's handler. A message that is not a lead message can never succeed: logged and completed.
/// </summary>
public static partial class LeadMessageInvocation
{
    public static async Task RunAsync(
        FunctionDeclaration function, QueueInvocation invocation, Func<LeadId, CancellationToken, Task> handle, ILogger logger, CancellationToken cancellationToken)
    {
        if (LeadMessage.TryReadLeadId(invocation.MessageText) is not { } id)
        {
            LogUnreadable(logger, function.Name, invocation.MessageId);
            return;
        }
        using var activity = LeadIntakeTelemetry.StartInvocation(function.Name, id.Value);
        await handle(id, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} is not a lead message; completed without work")]
    private static partial void LogUnreadable(ILogger logger, string function, string messageId);
}
