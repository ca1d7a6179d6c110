using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The corrections people make to screening, shared by the admin endpoints and the mailbox pages. Each one is a pure
/// decision in Core (<see cref="QuarantineRelease"/>, <see cref="SpamConfirmation"/>, <see cref="SalesReturn"/>) run
/// by the <see cref="StageRunner"/>: saved with the ETag, then its follow-ups — review-queue entry removed, training
/// example stored, next stage queued. A retry that finds the correction saved takes the follow-ups again; each is
/// idempotent.
/// </summary>
internal sealed partial class ScreeningCorrections(
    StageRunner runner,
    ILogger<ScreeningCorrections> logger)
{
    /// <summary>Out of quarantine or review, back to <c>captured</c> and queued for screening without the spam verdict.</summary>
    public async Task<LeadChange> ReleaseAsync(StoredLead stored, string actor, string? reason, CancellationToken cancellationToken)
    {
        var change = await runner.RunAsync(stored, "release", (lead, now) => QuarantineRelease.Decide(lead, actor, reason, now), cancellationToken).ConfigureAwait(false);
        return Logged(change, "released");
    }

    /// <summary>A lead held for review is spam: quarantined, and a <c>spam</c> example stored.</summary>
    public async Task<LeadChange> ConfirmSpamAsync(StoredLead stored, string actor, CancellationToken cancellationToken)
    {
        var change = await runner.RunAsync(stored, "confirm_spam", (lead, now) => SpamConfirmation.Decide(lead, actor, now), cancellationToken).ConfigureAwait(false);
        return Logged(change, "confirmed_spam");
    }

    /// <summary>A routed request is a sales lead: back to <c>mql</c>, a <c>commercial</c> example stored, queued for dispatch.</summary>
    public async Task<LeadChange> ReturnToSalesAsync(StoredLead stored, string mailbox, CancellationToken cancellationToken)
    {
        var change = await runner.RunAsync(stored, "return_to_sales", (lead, now) => SalesReturn.Decide(lead, mailbox, now), cancellationToken).ConfigureAwait(false);
        return Logged(change, "returned_to_sales");
    }

    /// <summary>
    /// The follow-ups of a saved return to sales, taken again by a second click of a used link: nothing is saved, the
    /// example (same label: no-op) and the dispatch message while the lead still waits in <c>mql</c> are repeated.
    /// </summary>
    public Task FollowReturnAsync(StoredLead stored, string mailbox, CancellationToken cancellationToken) =>
        runner.RunAsync(stored, "return_to_sales", (lead, now) => StageDecision.Unchanged(lead, "link used already", SalesReturn.FollowUps(lead, mailbox, now)), cancellationToken);

    private LeadChange Logged(LeadChange change, string correction)
    {
        switch (change)
        {
            case LeadChange.Applied applied:
                LogCorrected(logger, applied.Lead.Id.Value, correction, applied.Lead.Status);
                break;
            case LeadChange.Unchanged unchanged:
                LogCorrected(logger, unchanged.Lead.Id.Value, correction, unchanged.Lead.Status);
                break;
        }
        return change;
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Lead {LeadId}: screening corrected ({Correction}), now {Status}")]
    private static partial void LogCorrected(ILogger logger, string leadId, string correction, LeadStatus status);
}
