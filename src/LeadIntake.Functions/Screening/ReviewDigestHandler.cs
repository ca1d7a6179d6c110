using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The daily digest of leads held for review (docs/screening.md, "The review band and the feedback loop"): once the configured time of day (UTC) has
/// passed and today's digest has not gone out, list the review queue, load each lead (an entry whose lead left review
/// is removed), sign a release and a confirm-spam link per lead for the marketing mailbox, and send one mail, once per
/// day (the outbox keys it by the date). Nothing waits: no mail. Before the time, or once sent: no storage work but
/// one point read.
/// </summary>
internal sealed partial class ReviewDigestHandler(
    IReviewQueue review,
    ILeadStore store,
    IMailOutbox outbox,
    MailboxLinks links,
    IOptionsMonitor<ScreeningOptions> options,
    TimeProvider time,
    ILogger<ReviewDigestHandler> logger)
{
    public const string OutboxTopic = "review-digest";

    /// <returns>How many leads the digest listed (0: no mail).</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        if (now.UtcDateTime.TimeOfDay < settings.ReviewDigestTime) return 0;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var purpose = ReviewDigestMail.PurposeFor(day);
        if (await outbox.WasSentAsync(OutboxTopic, purpose, cancellationToken).ConfigureAwait(false)) return 0;

        var mailbox = settings.MarketingMailbox;
        var entries = new List<ReviewDigestEntry>();
        foreach (var id in await review.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored?.Lead is not { Status: LeadStatus.Review } lead)
            {
                // Left review (released, confirmed) and the removal was lost, or the lead is gone: tidy the index.
                await review.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
                continue;
            }
            entries.Add(new ReviewDigestEntry(lead, links.For(id, mailbox, RepAction.Release), links.For(id, mailbox, RepAction.ConfirmSpam)));
        }
        if (entries.Count == 0) return 0;
        var mail = ReviewDigestMail.Compose(day, entries, new MailAddress(mailbox));
        if (await outbox.SendOnceAsync(OutboxTopic, mail, cancellationToken).ConfigureAwait(false)) LogDigestSent(logger, entries.Count);
        return entries.Count;
    }

    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Review digest sent: {Count} leads waiting for review")]
    private static partial void LogDigestSent(ILogger logger, int count);
}
