namespace LeadIntake.Core.Privacy;

/// <summary>A lead's retention class and the instant its personal data becomes due for purging.</summary>
/// <param name="Class">The class whose period applies.</param>
/// <param name="From">The instant the period runs from (capture, spam confirmation, hand-off, last inbound contact, win).</param>
/// <param name="DueAt">From plus the period: purged by the first run at or after it.</param>
public sealed record RetentionVerdict(RetentionClass Class, DateTimeOffset From, DateTimeOffset DueAt)
{
    public bool IsDue(DateTimeOffset now) => DueAt <= now;
}
