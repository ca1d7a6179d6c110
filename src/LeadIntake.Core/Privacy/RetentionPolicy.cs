using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// Which retention class a lead falls in and when it becomes due (docs/privacy.md, "Retention"). Pure: the lead, what
/// is known about its contact, the periods. Raw payload rows have their own clock (<see cref="RawPayloadDueAt"/>):
/// they go after their period whatever the lead's class.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>The lead's class and due instant; null when the lead was purged already.</summary>
    public static RetentionVerdict? Evaluate(RetentionFacts facts, RetentionPeriods periods)
    {
        if (facts.Lead.Purged is not null) return null;
        var lead = facts.Lead;
        var events = facts.Events ?? [];
        return lead.Status switch
        {
            LeadStatus.Spam => Verdict(RetentionClass.Spam, SpamSince(lead, events), periods.Spam),
            LeadStatus.RoutedService or LeadStatus.RoutedHr or LeadStatus.RoutedOther => Verdict(RetentionClass.Routed, StageTime(lead, lead.Status), periods.Routed),
            LeadStatus.Won => Verdict(RetentionClass.Won, StageTime(lead, LeadStatus.Won), periods.WonAfterHandOff),
            _ => Verdict(RetentionClass.Prospect, LastInboundContact(facts), periods.Prospect),
        };
    }

    /// <summary>When the raw payload rows of a lead captured at <paramref name="capturedAt"/> become due.</summary>
    public static DateTimeOffset RawPayloadDueAt(DateTimeOffset capturedAt, RetentionPeriods periods) => capturedAt + periods.RawPayload;

    /// <summary>
    /// The last contact that came from the prospect: the capture, every later lead of the same contact attached here as
    /// a touch, every call update merged into the lead (a callback), and the newest lead of the contact found through
    /// the contact index. What the company did (assignment, calls out, qualification) is not a contact from the prospect.
    /// </summary>
    public static DateTimeOffset LastInboundContact(RetentionFacts facts)
    {
        var lead = facts.Lead;
        var last = lead.CapturedAt;
        foreach (var touch in lead.Touches)
        {
            if (LeadId.TryParse(touch, out var id) && id.Timestamp > last) last = id.Timestamp;
        }
        foreach (var e in facts.Events ?? [])
        {
            if (e.Type is LeadEventType.Touch or LeadEventType.CallUpdated && e.At > last) last = e.At;
        }
        if (facts.ContactLastTouchAt is { } contact && contact > last) last = contact;
        return last;
    }

    // Spam runs from capture, or from the moment a person confirmed it (a lead held for review, then confirmed).
    private static DateTimeOffset SpamSince(Lead lead, IReadOnlyList<LeadEvent> events)
    {
        var since = StageTime(lead, LeadStatus.Spam);
        foreach (var e in events)
        {
            if (e.Type == LeadEventType.SpamConfirmed && e.At > since) since = e.At;
        }
        return since;
    }

    // The hand-off (routing, win) is when the lead entered the status; rows older than stage times fall back to capture.
    private static DateTimeOffset StageTime(Lead lead, LeadStatus status) =>
        lead.StageTimes.TryGetValue(status, out var at) && at > lead.CapturedAt ? at : lead.CapturedAt;

    private static RetentionVerdict Verdict(RetentionClass retentionClass, DateTimeOffset from, TimeSpan period) =>
        new(retentionClass, from, from + period);
}
