using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// Applies what one save changes in the KPI counters: the pure delta (<see cref="KpiProjection"/>) grouped by month,
/// one <see cref="TableKpiStore.ApplyAsync"/> per month touched (almost always one).
/// </summary>
internal sealed class KpiProjector(TableKpiStore store, IOptions<KpiOptions> options)
{
    private readonly Lazy<KpiCalendar> _calendar = new(() => options.Value.ToCalendar());

    public KpiCalendar Calendar => _calendar.Value;

    /// <returns>The storage transactions used.</returns>
    public async Task<int> ProjectAsync(
        LeadKpiProfile? before, LeadKpiProfile after, IReadOnlyList<LeadEvent> history, IReadOnlyList<LeadEvent> added, CancellationToken cancellationToken)
    {
        var delta = KpiProjection.DeltaOfSave(before, after, history, added, Calendar);
        if (delta.Count == 0) return 0;
        var keys = added.Select(KpiEventTypes.KeyOf).ToList();
        int transactions = 0;
        foreach (var month in delta.GroupBy(d => d.Key.Month).OrderBy(g => g.Key))
        {
            var cells = month.ToDictionary(d => d.Key.Key, d => d.Value, StringComparer.Ordinal);
            var (used, _) = await store.ApplyAsync(month.Key, TableKpiStore.ShardOf(after.Id), cells, after.Id, keys, cancellationToken).ConfigureAwait(false);
            transactions += used;
        }
        return transactions;
    }
}
