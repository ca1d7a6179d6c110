namespace LeadIntake.Core.Mail;

/// <summary>
/// A change to a lead's outbox row written in the same transaction as a save of the lead: the row lives in the lead's
/// partition, so a stage's save can carry it instead of a call of its own (docs/architecture.md, "Storage calls per lead").
/// </summary>
public abstract record LeadMailRow(string Purpose)
{
    /// <summary>
    /// The claim of a mail whose purpose is new with this save (it carries the time of the change, so no row can exist
    /// yet): the row is inserted as <c>sending</c>, held by this run.
    /// </summary>
    public sealed record Claimed(string Purpose, string To, string MessageId, DateTimeOffset ClaimedAt, string ClaimedBy) : LeadMailRow(Purpose);

    /// <summary>The mail left: the row becomes <c>sent</c>, with the server's answer (at most 200 characters).</summary>
    public sealed record Sent(string Purpose, DateTimeOffset SentAt, string? ServerAnswer) : LeadMailRow(Purpose);
}
