using Azure.Data.Tables;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Privacy;

/// <summary>The outbox rows of one lead (table <c>Mail</c>, partition = lead id): which mails were sent about it, to whom, when.</summary>
internal sealed class MailRecords(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Mail);

    public async Task<IReadOnlyList<ExportedMail>> ForLeadAsync(LeadId id, CancellationToken cancellationToken)
    {
        var mails = new List<ExportedMail>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "To", "State", "SentAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            mails.Add(new ExportedMail(row.RowKey, row.GetString("To"), row.GetString("State"), row.GetDateTimeOffset("SentAt")));
        }
        return mails;
    }
}

/// <summary>One mail about a lead: its purpose (<c>routed-lead</c>, <c>acknowledgement</c>…), recipient, state and time sent.</summary>
internal sealed record ExportedMail(string Purpose, string? To, string? State, DateTimeOffset? SentAt);
