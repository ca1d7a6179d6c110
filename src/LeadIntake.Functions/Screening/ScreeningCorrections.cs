using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Qualification;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The corrections people make to screening, shared by the admin endpoints and the mailbox pages: decide (pure), save
/// with the ETag (412: reload, decide once more), then the follow-ups — review-queue entry removed, training example
/// stored, next stage queued. A retry that finds the correction saved runs the follow-ups again; each is idempotent.
/// </summary>
public sealed partial class ScreeningCorrections(
    ILeadStore store,
    IPipelineQueue queue,
    IReviewQueue review,
    IScreeningFeedback feedback,
    TimeProvider time,
    ILogger<ScreeningCorrections> logger)
{
    /// <summary>Out of quarantine or review, back to <c>captured</c> and queued for screening without the spam verdict.</summary>
    public async Task<LeadChange> ReleaseAsync(StoredLead stored, string actor, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var change = await LeadChanges.ApplyAsync(store, stored, l => QuarantineRelease.Release(l, actor, reason, now), cancellationToken).ConfigureAwait(false);
        if (Saved(change) is not { } lead) return change;
        if (lead.StageTimes.ContainsKey(LeadStatus.Review)) await review.RemoveAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        // The ham example is stored when screening gives the released lead its intent (ScreenLeadHandler).
        await queue.EnqueueAsync(PipelineQueue.Captured, lead.Id, cancellationToken).ConfigureAwait(false);
        LogCorrected(logger, lead.Id.Value, "released", lead.Status);
        return change;
    }

    /// <summary>A lead held for review is spam: quarantined, and a <c>spam</c> example stored.</summary>
    public async Task<LeadChange> ConfirmSpamAsync(StoredLead stored, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var change = await LeadChanges.ApplyAsync(store, stored, l => SpamConfirmation.Confirm(l, actor, now), cancellationToken).ConfigureAwait(false);
        if (Saved(change) is not { } lead) return change;
        await review.RemoveAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ConfirmedSpam, actor, now), cancellationToken).ConfigureAwait(false);
        LogCorrected(logger, lead.Id.Value, "confirmed_spam", lead.Status);
        return change;
    }

    /// <summary>A routed request is a sales lead: back to <c>mql</c>, a <c>commercial</c> example stored, queued for dispatch.</summary>
    public async Task<LeadChange> ReturnToSalesAsync(StoredLead stored, string mailbox, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var change = await LeadChanges.ApplyAsync(store, stored, l => SalesReturn.Return(l, mailbox, now), cancellationToken).ConfigureAwait(false);
        if (Saved(change) is not { } lead) return change;
        await FollowReturnAsync(lead, mailbox, now, cancellationToken).ConfigureAwait(false);
        LogCorrected(logger, lead.Id.Value, "returned_to_sales", lead.Status);
        return change;
    }

    /// <summary>
    /// The follow-ups of a saved return to sales, run again by a second click: the example (same label: no-op) and the
    /// dispatch message while the lead still waits in <c>mql</c> (dispatch is idempotent).
    /// </summary>
    public async Task FollowReturnAsync(Lead lead, string mailbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!WasRouted(lead)) return;
        await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Commercial, FeedbackSource.ReturnedToSales, mailbox, now), cancellationToken).ConfigureAwait(false);
        if (lead.Status == LeadStatus.Mql) await queue.EnqueueAsync(PipelineQueue.Dispatch, lead.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A released lead was screened again: its new intent is the label of a ham example, with who released it and when
    /// (the last <c>released</c> event). Runs on every redelivery; the store makes the repeat a no-op.
    /// </summary>
    public async Task RecordReleasedAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (!lead.ReleasedFromQuarantine || lead.Intent is not { } intent || intent == LeadIntent.Spam) return;
        if (lead.Status is LeadStatus.Captured or LeadStatus.Spam or LeadStatus.Review) return;
        var events = await store.GetEventsAsync(lead.Id, cancellationToken).ConfigureAwait(false);
        var released = events.LastOrDefault(e => e.Type == LeadEventType.Released);
        var example = FeedbackExamples.From(lead, intent, FeedbackSource.Released, released?.Actor ?? ReleaseLead.Actor, released?.At ?? time.GetUtcNow());
        if (await feedback.RecordAsync(example, cancellationToken).ConfigureAwait(false)) LogFeedback(logger, lead.Id.Value, intent, FeedbackSource.Released);
    }

    /// <summary>A rep disqualified the lead as spam: a <c>spam</c> example (a repeat is a no-op).</summary>
    public async Task RecordReportedSpamAsync(Lead lead, string rep, CancellationToken cancellationToken)
    {
        if (lead.Status != LeadStatus.Spam || lead.Disqualification?.Reason != DisqualifyReason.Spam) return;
        if (await feedback.RecordAsync(FeedbackExamples.From(lead, LeadIntent.Spam, FeedbackSource.ReportedSpam, rep, lead.Disqualification.At), cancellationToken).ConfigureAwait(false))
        {
            LogFeedback(logger, lead.Id.Value, LeadIntent.Spam, FeedbackSource.ReportedSpam);
        }
    }

    private static bool WasRouted(Lead lead) =>
        lead.StageTimes.ContainsKey(LeadStatus.RoutedService) || lead.StageTimes.ContainsKey(LeadStatus.RoutedHr) || lead.StageTimes.ContainsKey(LeadStatus.RoutedOther);

    /// <summary>The lead as saved (or as found, when the correction was already saved); null when nothing may follow.</summary>
    private static Lead? Saved(LeadChange change) => change switch
    {
        LeadChange.Applied applied => applied.Lead,
        LeadChange.Unchanged unchanged => unchanged.Lead,
        _ => null,
    };

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Lead {LeadId}: screening corrected ({Correction}), now {Status}")]
    private static partial void LogCorrected(ILogger logger, string leadId, string correction, LeadStatus status);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Lead {LeadId}: feedback example stored, label {Label} from {Source}")]
    private static partial void LogFeedback(ILogger logger, string leadId, LeadIntent label, FeedbackSource source);
}
