using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Loads the lead, counts the contact's and client's recent submissions, asks the screening decider, records the lead
/// in the contact index, and saves the decision (normalised contact, intent, verdict, status) with its audit event.
/// Then, and only then, the next step: an MQL is queued for dispatch, a routed request is mailed to its team once, a
/// known contact's new lead is attached to the open lead as a touch, a lead held for review joins the review queue
/// (nobody is mailed: the daily digest lists it), a released lead's new intent is stored as a feedback example. A redelivery that finds the lead already screened
/// runs that next step again — each one is idempotent.
/// </summary>
public sealed partial class ScreenLeadHandler(
    ILeadStore store,
    IPipelineQueue queue,
    IContactIndex contacts,
    IMailOutbox outbox,
    IReviewQueue review,
    ScreeningDecider screen,
    ScreeningCorrections corrections,
    MailboxLinks mailboxLinks,
    ScreeningContextSource contextSource,
    IOptionsMonitor<ScreeningOptions> options,
    TimeProvider time,
    ILogger<ScreenLeadHandler> logger)
{
    private const int MaxTouchCandidates = 5;

    public async Task HandleAsync(LeadId id, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // The lead is stored before its message is sent, so an unknown id can never succeed.
                LogUnknownLead(logger, id.Value);
                return;
            }
            var lead = stored.Lead;
            if (lead.Status != LeadStatus.Captured)
            {
                await ContinueAsync(lead, cancellationToken).ConfigureAwait(false);
                return;
            }

            var now = time.GetUtcNow();
            var settings = options.CurrentValue;
            var context = contextSource.Current();
            // Screen once for the normalised contact (its keys), then again with the burst counts when there are any.
            var outcome = screen(lead, context, now);
            var contact = outcome.Contact ?? lead.Contact;
            var keys = ContactKeys.For(contact, lead.Captured.Signals);
            var history = await ContactHistoryAsync(lead.Id, keys, settings, cancellationToken).ConfigureAwait(false);
            if (history.FromContact > 0 || history.FromClient > 0)
            {
                outcome = screen(lead, context with
                {
                    RecentSubmissionsFromContact = history.FromContact,
                    RecentSubmissionsFromClient = history.FromClient,
                }, now);
            }
            if (lead.ReleasedFromQuarantine && outcome.Trigger == LeadTrigger.HoldForReview)
            {
                // A person already said "not spam": holding it for review again would loop. Its intent decides.
                outcome = outcome with { Trigger = TriggerFor(outcome.Decision.Intent) };
            }
            await contacts.RecordAsync(lead.Id, keys.All, cancellationToken).ConfigureAwait(false);

            if (LeadLifecycle.Decide(lead.Status, outcome.Trigger) is not TransitionOutcome.Advanced advanced) return;
            var decision = outcome.Decision;
            var updated = lead.MovedTo(advanced.To, now) with
            {
                Intent = decision.Intent,
                Screening = decision,
                // The normalised contact replaces the captured one; what the sender typed is kept beside it.
                Captured = lead.Captured with { Contact = contact },
                OriginalContact = lead.OriginalContact ?? (contact == lead.Contact ? null : lead.Contact),
            };
            var events = new List<LeadEvent>
            {
                new(LeadEventType.Screened, now, "screening",
                    $"intent={WireNames.Of(decision.Intent)} status={WireNames.Of(advanced.To)} confidence={decision.Confidence:0.00} spamScore={decision.SpamScore:0.00} reasons={decision.Reasons.Count} rules={decision.RulesVersion}"),
            };
            if (advanced.To == LeadStatus.Mql && await TouchTargetAsync(history.EarlierContactLeads, cancellationToken).ConfigureAwait(false) is { } target
                && KnownContactTouch.Attach(updated, target, now) is { } attached)
            {
                updated = attached.Lead;
                events.Add(attached.Event);
            }
            try
            {
                await store.SaveAsync(stored, updated, events, cancellationToken).ConfigureAwait(false);
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                continue;
            }
            LeadIntakeTelemetry.LeadScreened(WireNames.Of(decision.Intent));
            LogScreened(logger, id.Value, decision.Intent, updated.Status, decision.Reasons.Count);
            await ContinueAsync(updated, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>The step after a saved decision; a redelivery runs it again (each branch is idempotent).</summary>
    private async Task ContinueAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (lead.ReleasedFromQuarantine) await corrections.RecordReleasedAsync(lead, cancellationToken).ConfigureAwait(false);
        switch (lead.Status)
        {
            case LeadStatus.Review:
                // Nobody is mailed now: the lead waits for the daily digest, which lists the review queue.
                await review.AddAsync(lead.Id, lead.StageTimes.GetValueOrDefault(LeadStatus.Review, lead.CapturedAt), cancellationToken).ConfigureAwait(false);
                break;
            case LeadStatus.Mql:
                await queue.EnqueueAsync(PipelineQueue.Dispatch, lead.Id, cancellationToken).ConfigureAwait(false);
                break;
            case LeadStatus.RoutedService:
                await SendRoutedAsync(lead, LeadIntent.Service, cancellationToken).ConfigureAwait(false);
                break;
            case LeadStatus.RoutedHr:
                await SendRoutedAsync(lead, LeadIntent.Hr, cancellationToken).ConfigureAwait(false);
                break;
            case LeadStatus.RoutedOther:
                await SendRoutedAsync(lead, LeadIntent.Other, cancellationToken).ConfigureAwait(false);
                break;
            case LeadStatus.Lost when lead.AttachedTo is { } target:
                await TouchAsync(target, lead.Id, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task SendRoutedAsync(Lead lead, LeadIntent intent, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var mailbox = intent switch
        {
            LeadIntent.Service => settings.ServiceMailbox,
            LeadIntent.Hr => settings.HrMailbox,
            _ => settings.MarketingMailbox,
        };
        var mail = RoutedRequestMail.Compose(lead, intent, new MailAddress(mailbox), mailboxLinks.For(lead.Id, mailbox, Core.Dispatch.RepAction.ReturnToSales));
        if (await outbox.SendOnceAsync(lead.Id, mail, cancellationToken).ConfigureAwait(false)) LogRouted(logger, lead.Id.Value, intent);
    }

    /// <summary>Records the touch on the contact's existing lead; a nurtured one comes back to mql and is dispatched.</summary>
    private async Task TouchAsync(LeadId target, LeadId newLead, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var stored = await store.FindAsync(target, cancellationToken).ConfigureAwait(false);
            if (stored is null) return;
            var change = KnownContactTouch.Touch(stored.Lead, newLead, time.GetUtcNow());
            if (change is LeadChange.Rejected)
            {
                // The existing lead closed between screening and now: the touch stays recorded on the new lead only.
                LogTouchRefused(logger, newLead.Value, target.Value, stored.Lead.Status);
                return;
            }
            if (change is LeadChange.Applied applied)
            {
                try
                {
                    await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
                }
                catch (LeadChangedConcurrentlyException) when (attempt == 0)
                {
                    continue;
                }
                LogTouched(logger, newLead.Value, target.Value, applied.Lead.Status);
            }
            var touched = change is LeadChange.Applied a ? a.Lead : stored.Lead;
            if (touched.Status == LeadStatus.Mql) await queue.EnqueueAsync(PipelineQueue.Dispatch, target, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>
    /// Earlier leads of the same contact (email or phone) and client in the windows, this lead excluded. Windows are
    /// measured back from this lead's capture time, so a retry or a late sweep counts the same leads.
    /// </summary>
    private async Task<ContactHistory> ContactHistoryAsync(LeadId self, ContactKeySet keys, ScreeningOptions settings, CancellationToken cancellationToken)
    {
        var capturedAt = self.Timestamp;
        var burstFrom = capturedAt - settings.BurstWindow;
        var touchFrom = capturedAt - settings.TouchWindow;
        var since = burstFrom < touchFrom ? burstFrom : touchFrom;
        var earlier = new HashSet<LeadId>();
        foreach (var key in keys.Contact)
        {
            foreach (var id in await contacts.FindSinceAsync(key, since, cancellationToken).ConfigureAwait(false))
            {
                if (string.CompareOrdinal(id.Value, self.Value) < 0) earlier.Add(id);
            }
        }
        int fromClient = 0;
        if (keys.Client is { } client && settings.CountClientBursts)
        {
            foreach (var id in await contacts.FindSinceAsync(client, burstFrom, cancellationToken).ConfigureAwait(false))
            {
                if (string.CompareOrdinal(id.Value, self.Value) < 0) fromClient++;
            }
        }
        return new ContactHistory(
            earlier.Count(id => id.Timestamp >= burstFrom),
            fromClient,
            earlier.Where(id => id.Timestamp >= touchFrom).OrderByDescending(id => id.Value, StringComparer.Ordinal).ToList());
    }

    private async Task<LeadId?> TouchTargetAsync(IReadOnlyList<LeadId> earlierNewestFirst, CancellationToken cancellationToken)
    {
        var candidates = new List<Lead>();
        foreach (var id in earlierNewestFirst.Take(MaxTouchCandidates))
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } found) candidates.Add(found.Lead);
        }
        return KnownContactTouch.Target(candidates)?.Id;
    }

    private static LeadTrigger TriggerFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Service => LeadTrigger.RouteToService,
        LeadIntent.Hr => LeadTrigger.RouteToHr,
        LeadIntent.Other => LeadTrigger.RouteToOther,
        _ => LeadTrigger.MarkMql,
    };

    private sealed record ContactHistory(int FromContact, int FromClient, IReadOnlyList<LeadId> EarlierContactLeads);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Lead {LeadId} screened: {Intent} → {Status} ({ReasonCount} reasons)")]
    private static partial void LogScreened(ILogger logger, string leadId, LeadIntent intent, LeadStatus status, int reasonCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Lead {LeadId} not found for screening; message completed")]
    private static partial void LogUnknownLead(ILogger logger, string leadId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Lead {LeadId} routed by mail as {Intent}")]
    private static partial void LogRouted(ILogger logger, string leadId, LeadIntent intent);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Lead {LeadId} attached as a touch to lead {TargetId} (now {Status})")]
    private static partial void LogTouched(ILogger logger, string leadId, string targetId, LeadStatus status);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Lead {LeadId}: lead {TargetId} takes no touch in status {Status}; left as it is")]
    private static partial void LogTouchRefused(ILogger logger, string leadId, string targetId, LeadStatus status);
}
