using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Assigns an MQL (state saved first), then sends the rep's mail through the sent-once outbox, then records when the
/// rep was notified. A redelivery after any step resumes from the next one: an assigned lead whose rep was not yet
/// notified gets its mail; a notified one is left alone.
/// </summary>
public sealed partial class DispatchLeadHandler(
    ILeadStore store,
    IMailOutbox outbox,
    IOptionsSnapshot<DispatchOptions> options,
    IOptionsSnapshot<IntakeOptions> intake,
    IOptionsSnapshot<LinksOptions> links,
    TimeProvider time,
    ILogger<DispatchLeadHandler> logger)
{
    public async Task HandleAsync(LeadId id, CancellationToken cancellationToken)
    {
        var stored = await AssignAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null) return;
        var lead = stored.Lead;
        if (lead.Status != LeadStatus.Assigned || lead.Assignment is null || lead.RepNotifiedAt is not null) return;

        var baseUrl = intake.Value.PublicBaseUrl.TrimEnd('/');
        var signer = new ActionLinkSigner(links.Value.KeyBytes());
        var actions = RepActionLinks.Create(signer, $"{baseUrl}/api/rep/leads/{id.Value}", $"{baseUrl}/api/leads/{id.Value}",
            id, lead.Assignment.RepEmail, time.GetUtcNow() + links.Value.Lifetime);
        var mail = RoutedLeadMail.Compose(lead, lead.Assignment, actions, "en", TimeZoneInfo.Utc, TimeSpan.FromMinutes(5));
        await outbox.SendOnceAsync(id, mail, cancellationToken).ConfigureAwait(false);

        for (int attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var notified = stored.Lead with { RepNotifiedAt = now };
            try
            {
                await store.SaveAsync(stored, notified, [new LeadEvent("rep_notified", now, "dispatch", RoutedLeadMail.Purpose)], cancellationToken).ConfigureAwait(false);
                LeadIntakeTelemetry.RepNotified(now - lead.CapturedAt);
                LogNotified(logger, id.Value, (now - lead.CapturedAt).TotalMilliseconds);
                return;
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (stored is null || stored.Lead.RepNotifiedAt is not null) return;
            }
        }
    }

    private async Task<StoredLead?> AssignAsync(LeadId id, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                LogUnknownLead(logger, id.Value);
                return null;
            }
            var now = time.GetUtcNow();
            if (LeadLifecycle.Decide(stored.Lead.Status, LeadTrigger.Assign) is not TransitionOutcome.Advanced advanced) return stored;

            var assignment = new RepAssignment(options.Value.DefaultRepEmail, options.Value.DefaultRepName, "no assignment rules configured → default rep", now);
            var updated = stored.Lead.MovedTo(advanced.To, now) with { Assignment = assignment };
            try
            {
                return await store.SaveAsync(stored, updated, [new LeadEvent("assigned", now, "dispatch", assignment.Reason)], cancellationToken).ConfigureAwait(false);
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                // someone else moved it: decide again on the fresh copy
            }
        }
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Lead {LeadId}: rep notified {ElapsedMs} ms after capture")]
    private static partial void LogNotified(ILogger logger, string leadId, double elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for dispatch; message completed")]
    private static partial void LogUnknownLead(ILogger logger, string leadId);
}
