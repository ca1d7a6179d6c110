using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// What one save of a lead changes in the counters: the lead's contribution after the save minus its contribution
/// before. Depends only on the lead's event log, never on the order saves were projected in, so a retried or late
/// projection applies the same change (and its marker rows make the second application a no-op).
/// </summary>
public static class KpiProjection
{
    /// <param name="before">The lead's profile before the save (null for a new lead).</param>
    /// <param name="after">The lead's profile after the save.</param>
    /// <param name="history">The lead's whole event log after the save (it contains <paramref name="added"/>).</param>
    /// <param name="added">The events the save appended.</param>
    public static Dictionary<KpiCell, long> DeltaOfSave(
        LeadKpiProfile? before, LeadKpiProfile after, IReadOnlyList<LeadEvent> history, IReadOnlyList<LeadEvent> added, KpiCalendar calendar)
    {
        // The log before the save: the history less one copy of each added event. An event appended twice (a
        // redelivered step saved again) keeps its first copy here, so the second adds nothing.
        var toRemove = added.GroupBy(KpiEventTypes.KeyOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var earlier = new List<LeadEvent>(history.Count);
        foreach (var e in history.Reverse())
        {
            var key = KpiEventTypes.KeyOf(e);
            if (toRemove.TryGetValue(key, out int left) && left > 0) toRemove[key] = left - 1;
            else earlier.Add(e);
        }
        var was = before is null || earlier.Count == 0 ? [] : LeadKpiContributions.Compute(before, earlier, calendar);
        var now = LeadKpiContributions.Compute(after, history, calendar);
        return LeadKpiContributions.Delta(was, now);
    }

    /// <summary>An erased lead leaves the counters: its whole contribution is taken back.</summary>
    public static Dictionary<KpiCell, long> DeltaOfErasure(LeadKpiProfile profile, IReadOnlyList<LeadEvent> history, KpiCalendar calendar) =>
        LeadKpiContributions.Delta(LeadKpiContributions.Compute(profile, history, calendar), new Dictionary<KpiCell, long>());
}
