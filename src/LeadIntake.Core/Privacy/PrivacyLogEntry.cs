namespace LeadIntake.Core.Privacy;

/// <summary>
/// One line of the privacy proof log: when, what, who asked, which operator, how many records. It never holds
/// personal data: no email, phone, name or message, only counts, opaque request ids and the operator's account name.
/// </summary>
/// <param name="At">When the action happened.</param>
/// <param name="Action">What happened.</param>
/// <param name="RequestedBy">Who asked, as a category or an opaque reference (for example <c>data-subject</c>, <c>schedule</c>, a ticket number); never an address.</param>
/// <param name="Operator">The operator account or component that carried it out (for example <c>admin-key</c>, a console user name, <c>PurgeExpiredLeads</c>).</param>
/// <param name="Records">How many records the action touched (leads erased, leads exported, leads purged).</param>
/// <param name="RequestId">The request this entry belongs to, when there is one (an erasure request id).</param>
/// <param name="Detail">A short PII-free note (for example the retention class counts <c>spam=3 raw=12</c>).</param>
public sealed record PrivacyLogEntry(
    DateTimeOffset At,
    PrivacyAction Action,
    string RequestedBy,
    string Operator,
    int Records,
    string? RequestId = null,
    string? Detail = null);
