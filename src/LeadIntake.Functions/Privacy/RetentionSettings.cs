using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The retention periods as the record of processing prints them: the very settings the retention run applies
/// (<see cref="RetentionOptions"/>, <c>Privacy:Retention:*</c>), each with why it is that long.
/// </summary>
internal static class RetentionSettings
{
    public static IReadOnlyList<RetentionPeriod> Read(RetentionOptions options) =>
    [
        new("spam", options.Spam, "Privacy:Retention:Spam; long enough to release a false positive, no longer"),
        new("raw-payloads", options.RawPayloads, "Privacy:Retention:RawPayloads; provider payloads kept for audit and for replaying a parsing bug"),
        new("routed", options.Routed, "Privacy:Retention:Routed; content purged after hand-off to the service, HR or marketing mailbox"),
        new("prospects", options.Prospect, "Privacy:Retention:Prospect; after the prospect's last contact (CNIL recommendation for prospect data: 3 years)"),
        new("won", options.WonAfterHandOff, "Privacy:Retention:WonAfterHandOff; after the win, once the CRM holds the customer"),
    ];
}
