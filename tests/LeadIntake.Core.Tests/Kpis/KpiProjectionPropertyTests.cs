using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Kpis;

/// <summary>
/// Random event streams (duplicates, clock skew, nurture loops, quarantine and release, reassignments, erasures,
/// projections retried after a partial failure) fed to the incremental projection must end where a recomputation
/// from the final event logs ends. The in-memory store here applies deltas exactly as the table store does: one
/// batch per month, skipped when that month already has the marker of one of the save's events.
/// </summary>
public sealed class KpiProjectionPropertyTests
{
    private static readonly KpiCalendar Calendar = KpiCalendar.Default;
    // 30 November 2026, 20:00 UTC: streams cross the month boundary (Paris is already in December at 23:00 UTC).
    private static readonly DateTimeOffset Origin = new(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Incremental_projection_equals_recomputation_on_random_streams()
    {
        var random = new Random(20261202);
        for (int iteration = 0; iteration < 400; iteration++)
        {
            var store = new InMemoryProjection();
            var leads = Enumerable.Range(0, 1 + random.Next(6)).Select(_ => new SimulatedLead(random)).ToList();
            var saves = Interleave(leads.Select(l => l.Saves).ToList(), random);
            foreach (var save in saves)
            {
                var lead = save.Lead;
                if (lead.Erased) continue;
                var before = lead.Profile;
                lead.Log.AddRange(save.Events);
                lead.Profile = save.ProfileAfter;
                var delta = KpiProjection.DeltaOfSave(lead.Log.Count == save.Events.Count ? null : before, lead.Profile, lead.Log, save.Events, Calendar);
                var keys = save.Events.Select(KpiEventTypes.KeyOf).ToList();
                if (random.NextDouble() < 0.1) store.Apply(delta, keys, onlyFirstMonth: true); // a crash between two month batches
                store.Apply(delta, keys);
                if (random.NextDouble() < 0.2) store.Apply(delta, keys); // the same projection retried
                if (random.NextDouble() < 0.03)
                {
                    store.Apply(KpiProjection.DeltaOfErasure(lead.Profile, lead.Log, Calendar), [$"erase-{lead.Profile.Id}"]);
                    lead.Erased = true;
                    lead.Log.Clear();
                }
            }

            var recomputed = new Dictionary<KpiCell, long>();
            foreach (var lead in leads.Where(l => !l.Erased))
            {
                foreach (var (cell, n) in LeadKpiContributions.Compute(lead.Profile, lead.Log, Calendar)) recomputed[cell] = recomputed.GetValueOrDefault(cell) + n;
            }
            var incremental = store.Cells.Where(c => c.Value != 0).OrderBy(c => c.Key.Month).ThenBy(c => c.Key.Key, StringComparer.Ordinal).ToList();
            var expected = recomputed.Where(c => c.Value != 0).OrderBy(c => c.Key.Month).ThenBy(c => c.Key.Key, StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(incremental), $"iteration {iteration}: {Describe(expected, incremental)}");
            Assert.DoesNotContain(store.Cells, c => c.Value < 0);
        }
    }

    [Fact]
    public void A_save_projected_twice_counts_once()
    {
        var store = new InMemoryProjection();
        var profile = new LeadKpiProfile(LeadId.New(Origin), Channel.Form, "google", "", Origin, null);
        LeadEvent[] events = [new(LeadEventType.Captured, Origin, "intake"), new(LeadEventType.Screened, Origin, "screening", "status=mql")];
        var delta = KpiProjection.DeltaOfSave(null, profile, events, events, Calendar);
        store.Apply(delta, events.Select(KpiEventTypes.KeyOf).ToList());
        store.Apply(delta, events.Select(KpiEventTypes.KeyOf).ToList());
        Assert.Equal(1, store.Cells.Single(c => c.Key.Key == "p|mql|form|google|").Value);
    }

    [Fact]
    public void An_event_saved_twice_adds_nothing_the_second_time()
    {
        var profile = new LeadKpiProfile(LeadId.New(Origin), Channel.Form, "google", "", Origin, null);
        var sql = new LeadEvent(LeadEventType.QualifiedSql, Origin.AddHours(1), "rep");
        LeadEvent[] log = [new(LeadEventType.Captured, Origin, "intake"), new(LeadEventType.Screened, Origin, "screening", "status=mql"), sql, sql];
        Assert.Empty(KpiProjection.DeltaOfSave(profile, profile, log, [sql], Calendar));
    }

    private static string Describe(List<KeyValuePair<KpiCell, long>> expected, List<KeyValuePair<KpiCell, long>> actual)
    {
        var e = expected.ToDictionary(c => c.Key, c => c.Value);
        var a = actual.ToDictionary(c => c.Key, c => c.Value);
        var diff = e.Keys.Union(a.Keys).Where(k => e.GetValueOrDefault(k) != a.GetValueOrDefault(k)).Take(5)
            .Select(k => $"{k.Month} {k.Key}: recomputed {e.GetValueOrDefault(k)}, incremental {a.GetValueOrDefault(k)}");
        return string.Join("; ", diff);
    }

    private static List<Save> Interleave(List<List<Save>> perLead, Random random)
    {
        var queues = perLead.Select(l => new Queue<Save>(l)).Where(q => q.Count > 0).ToList();
        var all = new List<Save>();
        while (queues.Count > 0)
        {
            var q = queues[random.Next(queues.Count)];
            all.Add(q.Dequeue());
            if (q.Count == 0) queues.Remove(q);
        }
        return all;
    }

    private sealed class InMemoryProjection
    {
        private readonly HashSet<(KpiMonth, string)> _markers = [];
        public Dictionary<KpiCell, long> Cells { get; } = [];

        public void Apply(Dictionary<KpiCell, long> delta, IReadOnlyList<string> eventKeys, bool onlyFirstMonth = false)
        {
            foreach (var month in delta.Keys.Select(c => c.Month).Distinct().Order().Take(onlyFirstMonth ? 1 : int.MaxValue))
            {
                if (eventKeys.Any(k => _markers.Contains((month, k)))) continue; // 409 on the marker: already applied
                foreach (var k in eventKeys) _markers.Add((month, k));
                foreach (var (cell, n) in delta.Where(d => d.Key.Month == month)) Cells[cell] = Cells.GetValueOrDefault(cell) + n;
            }
        }
    }

    private sealed record Save(SimulatedLead Lead, List<LeadEvent> Events, LeadKpiProfile ProfileAfter);

    private sealed class SimulatedLead
    {
        private static readonly string[] Reps = ["alice@corp.test", "bob@corp.test", "carla@corp.test"];
        private static readonly string[] Sources = ["google", "linkedin", "(none)"];

        public SimulatedLead(Random random)
        {
            var at = Origin.AddMinutes(random.Next(-60 * 24 * 40, 60 * 24 * 3));
            var channel = (Channel)random.Next(4);
            Profile = new LeadKpiProfile(LeadId.New(at), channel, Sources[random.Next(Sources.Length)], random.Next(2) == 0 ? "" : "winter", at, null);
            var profile = Profile;
            var t = at;
            string status = "new";
            for (int step = 0; step < 14; step++)
            {
                // Clock skew between instances: now and then a save is stamped a little before the one before it.
                t = random.NextDouble() < 0.15 ? t.AddMinutes(-random.Next(1, 90)) : t.AddMinutes(random.Next(1, 60 * 24 * 9));
                var (events, next) = Next(status, t, random);
                if (events.Count == 0) break;
                if (next == "assigned") profile = profile with { Rep = Reps[random.Next(Reps.Length)] };
                status = next;
                Saves.Add(new Save(this, events, profile));
                // A redelivered step saved again with the same event (a handler without an idempotency check).
                if (random.NextDouble() < 0.05) Saves.Add(new Save(this, [events[^1]], profile));
            }
        }

        public LeadKpiProfile Profile { get; set; }
        public List<LeadEvent> Log { get; } = [];
        public List<Save> Saves { get; } = [];
        public bool Erased { get; set; }

        private static (List<LeadEvent>, string) Next(string status, DateTimeOffset t, Random random)
        {
            LeadEvent E(string type, string? detail = null) => new(WireNames.Parse<LeadEventType>(type), t, "actor", detail);
            int roll = random.Next(100);
            return status switch
            {
                "new" => ([E("captured", "form/web")], "captured"),
                "captured" => roll switch
                {
                    < 15 => ([E("screened", "status=spam")], "spam"),
                    < 22 => ([E("screened", "status=review")], "spam"),
                    < 30 => ([E("screened", "status=routed_service")], "routed"),
                    < 35 => ([E("screened", "status=routed_hr")], "routed"),
                    < 40 => ([E("screened", "status=routed_other")], "routed"),
                    _ => ([E("screened", "status=mql")], "mql"),
                },
                "spam" => roll < 40 ? ([E("released", "released from quarantine")], "captured") : roll < 50 ? ([E("spam_confirmed")], "spam_final") : ([], status),
                "routed" => roll < 20 ? ([E("returned_to_sales", "correction")], "mql") : ([], status),
                "mql" => ([E("assigned", "rr")], "assigned"),
                "assigned" => roll switch
                {
                    < 15 => ([E("sla_reminded", "alice@corp.test")], "assigned"),
                    < 25 => ([E("reassigned", "sla")], "assigned"),
                    < 32 => ([E("disqualified", "spam")], "spam"),
                    < 75 => ([E("accepted")], "accepted"),
                    _ => ([E("bant_recorded"), E("qualified_sql"), E("qualified_sal")], "sal"),
                },
                "accepted" => roll switch
                {
                    < 20 => ([E("disqualified", "no_budget")], "nurture"),
                    < 25 => ([E("disqualified", "duplicate")], "lost"),
                    < 70 => ([E("qualified_sql")], "sql"),
                    _ => ([E("qualified_sql"), E("qualified_sal")], "sal"),
                },
                "sql" => roll < 30 ? ([E("recycled", "no_progress")], "nurture") : roll < 60 ? ([E("qualified_sal")], "sal") : ([E("opportunity_created")], "opportunity"),
                "sal" => roll < 20 ? ([E("nurtured", "returned_by_rep")], "nurture") : roll < 35 ? ([E("lost", "price")], "lost") : ([E("opportunity_created")], "opportunity"),
                "opportunity" => roll < 55 ? ([E("won")], "won") : roll < 80 ? ([E("lost", "competitor")], "lost") : ([E("recycled", "no_progress")], "nurture"),
                "nurture" => roll < 60 ? ([E("retouched")], "mql") : ([], status),
                _ => ([], status),
            };
        }
    }
}
