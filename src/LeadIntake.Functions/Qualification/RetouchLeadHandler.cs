using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// A new touch (form, mail, call) from a contact whose lead is in nurture: <see cref="LeadRecycler.Retouch"/> puts
/// the lead back to <c>mql</c> (saved first), then it is queued for dispatch. Screening calls this when it finds the
/// contact's nurtured lead (docs/dispatch.md, "Wiring"); a retry finds the lead in <c>mql</c> and queues it again.
/// </summary>
public sealed partial class RetouchLeadHandler(ILeadStore store, IPipelineQueue queue, TimeProvider time, ILogger<RetouchLeadHandler> logger)
{
    /// <param name="actor">Who touched: the new lead's channel, e.g. <c>intake:form</c>.</param>
    /// <returns>The change: Applied (back to mql, queued), Unchanged, or Rejected (not in nurture).</returns>
    public async Task<LeadChange> HandleAsync(LeadId nurturedLead, string actor, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(nurturedLead, cancellationToken).ConfigureAwait(false) is not { } stored) return new LeadChange.Rejected("No such lead.");
        var now = time.GetUtcNow();
        var change = await LeadChanges.ApplyAsync(store, stored, lead => LeadRecycler.Retouch(lead, actor, now), cancellationToken).ConfigureAwait(false);
        bool requeue = change is LeadChange.Applied || (change is LeadChange.Unchanged unchanged && unchanged.Lead.Status == LeadStatus.Mql);
        if (requeue)
        {
            await queue.EnqueueAsync(PipelineQueue.Dispatch, nurturedLead, cancellationToken).ConfigureAwait(false);
            LogRetouched(logger, nurturedLead.Value);
        }
        return change;
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Lead {LeadId}: nurtured contact touched again, back to mql and queued for dispatch")]
    private static partial void LogRetouched(ILogger logger, string leadId);
}
