using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// What the retention policy needs to know about one lead. <see cref="Events"/> and <see cref="ContactLastTouchAt"/>
/// may be left out for a first, cheap pass: without them the due instant is never later than with them, so a lead the
/// first pass finds not due is not due.
/// </summary>
/// <param name="Lead">The lead as stored (a purged lead, <see cref="Lead.Purged"/>, is never due again).</param>
/// <param name="Events">The lead's audit trail, when loaded.</param>
/// <param name="ContactLastTouchAt">The capture time of the contact's newest genuine lead (any lead of the same email or phone), when looked up.</param>
public sealed record RetentionFacts(
    Lead Lead,
    IReadOnlyList<LeadEvent>? Events = null,
    DateTimeOffset? ContactLastTouchAt = null);
