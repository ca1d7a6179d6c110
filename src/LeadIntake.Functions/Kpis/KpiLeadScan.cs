using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// Reads leads and their event logs month by month of capture, straight from the Leads table (a lead's row sorts just
/// before its events in its partition). Only the daily recomputation and the Parquet export use it; no page does.
/// </summary>
internal sealed class KpiLeadScan(StorageAccount storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Leads);

    /// <summary>Every lead captured in the UTC months from <paramref name="from"/> to <paramref name="to"/>, with its events.</summary>
    public async IAsyncEnumerable<(Lead Lead, List<LeadEvent> Events)> ReadAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (low, high) = LeadPartition.MonthRange(from, to);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey lt {high} and (Kind eq {"lead"} or Kind eq {"event"})");
        Lead? lead = null;
        var events = new List<LeadEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Kind") == "lead")
            {
                if (lead is not null) yield return (lead, events);
                lead = TableLeadStore.FromEntity(entity);
                events = [];
                continue;
            }
            // Only the lead's audit events (RowKey id|e|…); other rows of its partition (the feedback example) are not events.
            if (lead is null || !entity.RowKey.StartsWith(lead.Id.Value + "|e|", StringComparison.Ordinal)) continue;
            events.Add(TableLeadStore.EventFromEntity(entity));
        }
        if (lead is not null) yield return (lead, events);
    }
}
