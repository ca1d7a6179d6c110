using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Screening;

/// <summary>Queue function on <c>leads-captured</c>: screens one captured lead.</summary>
public sealed class ScreenLead(ScreenLeadHandler handler, ILogger<ScreenLead> logger) : IQueueFunction
{
    public static FunctionDeclaration Declaration { get; } = new("ScreenLead", new QueueTrigger(QueueNames.LeadsCaptured));

    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) =>
        LeadMessageInvocation.RunAsync(Declaration, invocation, handler.HandleAsync, logger, cancellationToken);
}
