using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Timer, every five minutes: sends the daily digest of leads held for review once <c>Screening__ReviewDigestTime</c>
/// (UTC, default 08:00) has passed, once per day. Looking often keeps the time a setting without a second schedule.
/// </summary>
internal sealed class DigestLeadsToReview(ReviewDigestHandler handler)
{
    [Function(nameof(DigestLeadsToReview))]
    public Task RunAsync([TimerTrigger("0 */5 * * * *", UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken) => handler.RunAsync(cancellationToken);
}
