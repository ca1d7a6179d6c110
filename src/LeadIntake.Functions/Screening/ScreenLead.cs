using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Screening;

/// <summary>Queue function on <c>leads-captured</c>: screens one captured lead.</summary>
internal sealed class ScreenLead(ScreenLeadHandler handler, ILogger<ScreenLead> logger)
{
    [Function(nameof(ScreenLead))]
    public Task RunAsync(
        [QueueTrigger(QueueNames.LeadsCaptured, Connection = QueueNames.Connection)] string message, string id, CancellationToken cancellationToken) =>
        LeadMessageInvocation.RunAsync(nameof(ScreenLead), message, id, handler.HandleAsync, logger, cancellationToken);
}
