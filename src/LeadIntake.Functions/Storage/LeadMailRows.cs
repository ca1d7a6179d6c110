using Azure;
using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// A lead's outbox rows in the <c>Leads</c> table: the lead's partition, RowKey <c>{id}|mail|{purpose}</c>,
/// <c>Kind=mail</c>, and the outbox's columns (<c>State</c>, <c>To</c>, <c>MessageId</c>, <c>ClaimedAt</c>,
/// <c>ClaimedBy</c>, <c>Attempt</c>, <c>SentAt</c>, <c>ServerAnswer</c>). In the lead's partition, a claim can ride on
/// the save that decided the mail and the <c>sent</c> mark on the next one. Mails about no single lead (the review
/// digest), and lead mails written by earlier versions, are in the <c>Mail</c> table (PartitionKey = lead id or topic).
/// </summary>
internal static class LeadMailRows
{
    public const string Kind = "mail";
    public const string Infix = "|mail|";

    public static string RowKeyFor(LeadId id, string purpose) => id.Value + Infix + PurposeKey(purpose);

    /// <summary>The RowKey range of every outbox row of <paramref name="id"/> (low inclusive, high exclusive).</summary>
    public static (string Low, string High) RangeOf(LeadId id) => (id.Value + Infix, id.Value + Infix + "~");

    // A RowKey may not hold '/', '\\', '#' or '?' (Table service data model); purposes such as "rep-notification/{ms}" do.
    public static string PurposeKey(string purpose) =>
        string.Create(purpose.Length, purpose, (span, p) =>
        {
            for (int i = 0; i < p.Length; i++) span[i] = p[i] is '/' or '\\' or '#' or '?' || char.IsControl(p[i]) ? '~' : p[i];
        });

    /// <summary>The write of <paramref name="row"/> in a lead's save: a claim is an insert (the purpose is new), a mark a merge.</summary>
    public static TableTransactionAction ActionFor(LeadId id, LeadMailRow row) => row switch
    {
        LeadMailRow.Claimed claimed => new(TableTransactionActionType.Add, new TableEntity(LeadPartition.For(id), RowKeyFor(id, claimed.Purpose))
        {
            ["Kind"] = Kind, ["State"] = "sending", ["To"] = claimed.To, ["MessageId"] = claimed.MessageId,
            ["ClaimedAt"] = claimed.ClaimedAt, ["ClaimedBy"] = claimed.ClaimedBy, ["Attempt"] = 1,
        }),
        // Merge without an ETag: the mail did leave, whoever holds the row now; a run that took the claim over after
        // it expired finds "sent" and stops.
        LeadMailRow.Sent sent => new(TableTransactionActionType.UpsertMerge, SentEntity(id, sent), ETag.All),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row.GetType().Name, "Unknown outbox row change."),
    };

    public static TableEntity SentEntity(LeadId id, LeadMailRow.Sent sent) => new(LeadPartition.For(id), RowKeyFor(id, sent.Purpose))
    {
        ["Kind"] = Kind, ["State"] = "sent", ["SentAt"] = sent.SentAt, ["ServerAnswer"] = Trimmed(sent.ServerAnswer),
    };

    public static string? Trimmed(string? answer) => answer is null ? null : answer.Length > 200 ? answer[..200] : answer;
}
