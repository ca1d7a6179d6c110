using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Queue function on <c>leads-dispatch</c>: assigns one MQL to a rep and mails them.</summary>
public sealed class DispatchLead(DispatchLeadHandler handler, ILogger<DispatchLead> logger) : IQueueFunction
{
    public static FunctionDeclaration Declaration { get; } = new("DispatchLead", new QueueTrigger(QueueNames.LeadsDispatch));

    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) =>
        LeadMessageInvocation.RunAsync(Declaration, invocation, handler.HandleAsync, logger, cancellationToken);
}
