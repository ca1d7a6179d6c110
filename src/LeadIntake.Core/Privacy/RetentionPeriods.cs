namespace LeadIntake.Core.Privacy;

/// <summary>How long each class of lead data is kept (docs/privacy.md, "Retention", says where each default comes from).</summary>
public sealed record RetentionPeriods
{
    /// <summary>Spam: after capture, or after the spam confirmation when a person confirmed it later.</summary>
    public TimeSpan Spam { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Raw payload rows: after capture.</summary>
    public TimeSpan RawPayload { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Routed requests (service, HR, other): after the hand-off to their mailbox.</summary>
    public TimeSpan Routed { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Prospects: after the last contact that came from the prospect (CNIL: three years).</summary>
    public TimeSpan Prospect { get; init; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Won leads: after the win (the hand-off to the CRM).</summary>
    public TimeSpan WonAfterHandOff { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The shortest period of a lead class: a lead captured less than this long ago is never due.</summary>
    public TimeSpan ShortestLeadPeriod => Min(Min(Spam, Routed), Min(Prospect, WonAfterHandOff));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
