using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Queue function on <c>leads-dispatch</c>: assigns one MQL to a rep and mails them.</summary>
public sealed partial class DispatchLead(DispatchLeadHandler handler, ILogger<DispatchLead> logger) : IQueueFunction
{
    public static FunctionDeclaration Declaration { get; } = new("DispatchLead", new QueueTrigger(QueueNames.LeadsDispatch));

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        if (LeadMessage.TryReadLeadId(invocation.MessageText) is not { } id)
        {
            LogUnreadable(logger, invocation.MessageId);
            return;
        }
        using var activity = LeadIntakeTelemetry.StartInvocation(Declaration.Name, id.Value);
        await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Message {MessageId} on leads-dispatch is not a lead message; completed without work")]
    private static partial void LogUnreadable(ILogger logger, string messageId);
}
