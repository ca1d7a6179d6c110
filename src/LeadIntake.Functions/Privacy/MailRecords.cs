using LeadIntake.Core.Leads;
using LeadIntake.Functions.Mail;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The outbox rows of one lead, wherever they are (its partition's <c>{id}|mail|…</c> rows, or the <c>Mail</c> table
/// where earlier versions wrote them): which mails were sent about it, to whom, when.
/// </summary>
internal sealed class MailRecords(TableMailOutbox outbox)
{
    public async Task<IReadOnlyList<ExportedMail>> ForLeadAsync(LeadId id, CancellationToken cancellationToken)
    {
        var mails = new List<ExportedMail>();
        await foreach (var (_, row) in outbox.ReadRowsOfLeadAsync(id, ["RowKey", "To", "State", "SentAt"], cancellationToken).ConfigureAwait(false))
        {
            var purpose = row.RowKey.StartsWith(id.Value + LeadMailRows.Infix, StringComparison.Ordinal) ? row.RowKey[(id.Value.Length + LeadMailRows.Infix.Length)..] : row.RowKey;
            mails.Add(new ExportedMail(purpose, row.GetString("To"), row.GetString("State"), row.GetDateTimeOffset("SentAt")));
        }
        return mails;
    }
}

/// <summary>One mail about a lead: its purpose (<c>routed-lead</c>, <c>acknowledgement</c>…), recipient, state and time sent.</summary>
internal sealed record ExportedMail(string Purpose, string? To, string? State, DateTimeOffset? SentAt);
