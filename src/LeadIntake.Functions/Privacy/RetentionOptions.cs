using System.ComponentModel.DataAnnotations;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>Retention settings (<c>Privacy__Retention__*</c>; docs/privacy.md, "Retention", gives each default's source).</summary>
internal sealed class RetentionOptions
{
    public const string SectionName = "Privacy:Retention";

    /// <summary>The timer's NCRONTAB schedule (six fields, UTC), read through <c>%Privacy:Retention:Schedule%</c>.</summary>
    public const string ScheduleSetting = "Privacy:Retention:Schedule";

    /// <summary>Daily at 04:00 UTC, after the KPI recomputation (02:30) and the recycler (03:00).</summary>
    public const string DefaultSchedule = "0 0 4 * * *";

    public string Schedule { get; set; } = DefaultSchedule;

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Privacy:Retention:Spam must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Spam { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Privacy:Retention:RawPayloads must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan RawPayloads { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Privacy:Retention:Routed must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Routed { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Privacy:Retention:Prospect must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Prospect { get; set; } = TimeSpan.FromDays(3 * 365);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Privacy:Retention:WonAfterHandOff must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan WonAfterHandOff { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many leads purged plus raw payload rows deleted per run; the next run goes on from there.</summary>
    [Range(1, 100_000, ErrorMessage = "Privacy:Retention:MaxPerRun must be between 1 and 100000.")]
    public int MaxPerRun { get; set; } = 2_000;

    /// <summary>
    /// A month whose earliest due instant is still ahead is skipped, but scanned again after this long anyway: a lead
    /// that became due sooner since (won, routed, confirmed as spam) is purged at most this late.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00", ErrorMessage = "Privacy:Retention:RescanEvery must be between 1.00:00:00 and 90.00:00:00.")]
    public TimeSpan RescanEvery { get; set; } = TimeSpan.FromDays(7);

    public RetentionPeriods Periods => new()
    {
        Spam = Spam,
        RawPayload = RawPayloads,
        Routed = Routed,
        Prospect = Prospect,
        WonAfterHandOff = WonAfterHandOff,
    };
}
