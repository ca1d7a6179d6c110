using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Queue function on <c>leads-dispatch</c>: assigns one MQL to a rep and mails them.</summary>
internal sealed class DispatchLead(DispatchLeadHandler handler, ILogger<DispatchLead> logger)
{
    [Function(nameof(DispatchLead))]
    public Task RunAsync(
        [QueueTrigger(QueueNames.LeadsDispatch, Connection = QueueNames.Connection)] string message, string id, CancellationToken cancellationToken) =>
        LeadMessageInvocation.RunAsync(nameof(DispatchLead), message, id, handler.HandleAsync, logger, cancellationToken);
}
