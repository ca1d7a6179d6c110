using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Screening;

/// <summary>Queue function on <c>leads-captured</c>: screens one captured lead.</summary>
public sealed partial class ScreenLead(ScreenLeadHandler handler, ILogger<ScreenLead> logger) : IQueueFunction
{
    public static FunctionDeclaration Declaration { get; } = new("ScreenLead", new QueueTrigger(QueueNames.LeadsCaptured));

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

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Message {MessageId} on leads-captured is not a lead message; completed without work")]
    private static partial void LogUnreadable(ILogger logger, string messageId);
}
