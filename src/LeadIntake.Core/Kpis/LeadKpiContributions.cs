using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// Everything one lead adds to the KPI counters, computed from its whole event history at once. Pure and
/// order-independent: events are deduplicated by <see cref="KpiEventTypes.KeyOf"/> and sorted by time before they are
/// read, so a redelivered or late event changes nothing or exactly what it should. The incremental projection
/// applies <c>Compute(after) − Compute(before)</c>; the daily recomputation sums <c>Compute</c> over all leads; the two
/// agree by construction (the property test checks it).
/// </summary>
public static class LeadKpiContributions
{
    /// <summary>The cohort windows, in days from capture.</summary>
    public static IReadOnlyList<int> CohortWindows { get; } = [30, 90, 180];

    private static readonly (FunnelChange Change, FunnelStep From, FunnelStep To)[] EpisodeChanges =
    [
        (FunnelChange.CapturedToMql, FunnelStep.Captured, FunnelStep.Mql),
        (FunnelChange.CapturedToSql, FunnelStep.Captured, FunnelStep.Sql),
        (FunnelChange.MqlToAccepted, FunnelStep.Mql, FunnelStep.Accepted),
        (FunnelChange.MqlToSql, FunnelStep.Mql, FunnelStep.Sql),
        (FunnelChange.SqlToSal, FunnelStep.Sql, FunnelStep.Sal),
        (FunnelChange.SalToOpportunity, FunnelStep.Sal, FunnelStep.Opportunity),
        (FunnelChange.OpportunityToWon, FunnelStep.Opportunity, FunnelStep.Won),
    ];

    private static readonly HashSet<FunnelStep> PeriodSteps =
        [FunnelStep.Mql, FunnelStep.Assigned, FunnelStep.Accepted, FunnelStep.Sql, FunnelStep.Sal, FunnelStep.Opportunity, FunnelStep.Won, FunnelStep.Lost, FunnelStep.Nurture];

    private static readonly HashSet<FunnelStep> RepActions =
        [FunnelStep.Accepted, FunnelStep.Sql, FunnelStep.Sal, FunnelStep.Opportunity, FunnelStep.Won, FunnelStep.Lost, FunnelStep.Nurture];

    private static readonly HashSet<FunnelStep> Screening =
        [FunnelStep.Spam, FunnelStep.Service, FunnelStep.Hr, FunnelStep.Other, FunnelStep.Mql, FunnelStep.Review];

    /// <summary>The lead's contribution to every counter. Empty for a lead without events (an erased lead).</summary>
    public static Dictionary<KpiCell, long> Compute(LeadKpiProfile lead, IEnumerable<LeadEvent> events, KpiCalendar calendar)
    {
        var cells = new Dictionary<KpiCell, long>();
        var steps = Steps(events);
        if (steps.Count == 0) return cells;

        string ch = WireNames.Of(lead.Channel);
        string dims = $"{ch}|{lead.Source}|{lead.Campaign}";
        string rep = lead.Rep ?? "(none)";
        var captureMonth = calendar.MonthOf(lead.CapturedAt);
        void Add(DateTimeOffset at, string key) => Increment(cells, new KpiCell(calendar.MonthOf(at), key));

        // Lead outcome, by capture month: its latest screening class, and whether it was ever quarantined or released.
        FunnelStep? outcome = null;
        bool quarantined = false, released = false;
        foreach (var s in steps)
        {
            if (Screening.Contains(s.Step)) outcome = s.Step;
            if (s.Step is FunnelStep.Spam or FunnelStep.Review) quarantined = true;
            if (s.Step == FunnelStep.Released) released = true;
        }
        string outcomeWord = outcome switch
        {
            null => "unscreened",
            FunnelStep.Mql => "commercial",
            { } o => Word(o),
        };
        Add(lead.CapturedAt, $"o|captured|{dims}");
        Add(lead.CapturedAt, $"o|{outcomeWord}|{dims}");
        if (quarantined) Add(lead.CapturedAt, $"o|quarantined|{dims}");
        if (released) Add(lead.CapturedAt, $"o|released|{dims}");
        bool commercial = outcome == FunnelStep.Mql || steps.Any(s => s.Step is FunnelStep.Mql);

        // Episodes: a stage counts once per episode; a return from nurture to MQL opens a new one (a re-MQL).
        var reached = new Dictionary<FunnelStep, DateTimeOffset> { [FunnelStep.Captured] = lead.CapturedAt };
        var firstEver = new Dictionary<FunnelStep, DateTimeOffset>();
        FunnelStep current = FunnelStep.Captured;
        var episodeStart = lead.CapturedAt;
        bool episodeActed = false, nurtured = false;
        DateTimeOffset? firstMql = null, firstSql = null, nurtureSince = null;
        var nurtureTime = TimeSpan.Zero;
        if (commercial) EnterFrom(FunnelStep.Captured, lead.CapturedAt);

        foreach (var s in steps)
        {
            switch (s.Step)
            {
                case FunnelStep.SlaBreach:
                    Add(s.At, $"rb|{RepOf(s.Detail) ?? rep}");
                    continue;
                case FunnelStep.Released:
                    current = FunnelStep.Captured;
                    continue;
                case FunnelStep.Captured:
                    continue;
            }
            if (current == FunnelStep.Nurture && s.Step != FunnelStep.Nurture && nurtureSince is { } since)
            {
                nurtureTime += s.At - since;
                nurtureSince = null;
            }
            if (s.Step == FunnelStep.Mql && current == FunnelStep.Nurture)
            {
                reached.Clear();
                reached[FunnelStep.Mql] = s.At;
                episodeStart = s.At;
                episodeActed = false;
                current = FunnelStep.Mql;
                Add(s.At, $"p|remql|{dims}");
                EnterFrom(FunnelStep.Mql, s.At);
                continue;
            }
            current = s.Step;
            if (s.Step == FunnelStep.Nurture)
            {
                nurtureSince ??= s.At;
                if (firstSql is null && firstMql is not null) nurtured = true;
            }
            if (reached.ContainsKey(s.Step)) continue;
            reached[s.Step] = s.At;
            if (!PeriodSteps.Contains(s.Step)) continue;

            Add(s.At, $"p|{Word(s.Step)}|{dims}");
            if (firstEver.TryAdd(s.Step, s.At))
            {
                foreach (int window in CohortWindows)
                {
                    if (s.At - lead.CapturedAt <= TimeSpan.FromDays(window)) Add(s.At, $"c|{captureMonth.Key}|{window}|{Word(s.Step)}|{ch}|{lead.Source}");
                }
            }
            foreach (var (change, from, to) in EpisodeChanges)
            {
                if (to == s.Step && reached.TryGetValue(from, out var fromAt) && (from != FunnelStep.Captured || commercial))
                {
                    Sample(change, fromAt, s.At);
                }
            }
            EnterFrom(s.Step, s.At);

            if (s.Step == FunnelStep.Mql && firstMql is null)
            {
                firstMql = s.At;
                Add(s.At, $"ve|{WireNames.Of(FunnelChange.MqlToSqlActive)}|{ch}");
                Add(s.At, $"ve|{WireNames.Of(FunnelChange.MqlToSqlElapsed)}|{ch}");
            }
            if (s.Step == FunnelStep.Sql && firstSql is null && firstMql is { } mqlAt)
            {
                firstSql = s.At;
                var elapsed = s.At - mqlAt;
                var active = elapsed - nurtureTime;
                AddSample(FunnelChange.MqlToSqlElapsed, mqlAt, s.At, elapsed, calendar.BusinessDuration(mqlAt, s.At));
                AddSample(FunnelChange.MqlToSqlActive, mqlAt, s.At, active < TimeSpan.Zero ? TimeSpan.Zero : active,
                    calendar.BusinessDuration(mqlAt, s.At));
                if (nurtured) Add(s.At, $"p|sql_via_nurture|{dims}");
            }
            if (s.Step == FunnelStep.Assigned) Add(s.At, $"ra|{rep}");
            if (s.Step == FunnelStep.Accepted) Add(s.At, $"rc|{rep}");
            if (s.Step == FunnelStep.Won) Add(s.At, $"rw|{rep}");
            if (RepActions.Contains(s.Step) && !episodeActed && reached.ContainsKey(FunnelStep.Assigned))
            {
                episodeActed = true;
                var speed = s.At - episodeStart;
                int bucket = DurationHistogram.BucketOf(speed);
                Add(s.At, $"s|{WireNames.Of(BandOf(speed))}|{ch}");
                Add(s.At, $"sh|{ch}|{bucket.ToString(CultureInfo.InvariantCulture)}");
                Add(s.At, $"rs|{rep}|{bucket.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        return cells;

        void EnterFrom(FunnelStep step, DateTimeOffset at)
        {
            foreach (var (change, from, _) in EpisodeChanges)
            {
                if (from == step) Add(at, $"ve|{WireNames.Of(change)}|{ch}");
            }
        }

        void Sample(FunnelChange change, DateTimeOffset from, DateTimeOffset to) =>
            AddSample(change, from, to, to - from, calendar.BusinessDuration(from, to));

        void AddSample(FunnelChange change, DateTimeOffset from, DateTimeOffset to, TimeSpan wall, TimeSpan business)
        {
            string name = WireNames.Of(change), fromMonth = calendar.MonthOf(from).Key;
            Add(to, $"v|{name}|w|{fromMonth}|{ch}|{DurationHistogram.BucketOf(wall).ToString(CultureInfo.InvariantCulture)}");
            Add(to, $"v|{name}|b|{fromMonth}|{ch}|{DurationHistogram.BucketOf(business).ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary><paramref name="after"/> − <paramref name="before"/>, without the zeros.</summary>
    public static Dictionary<KpiCell, long> Delta(IReadOnlyDictionary<KpiCell, long> before, IReadOnlyDictionary<KpiCell, long> after)
    {
        var delta = new Dictionary<KpiCell, long>();
        foreach (var (cell, value) in after)
        {
            long diff = value - before.GetValueOrDefault(cell);
            if (diff != 0) delta[cell] = diff;
        }
        foreach (var (cell, value) in before)
        {
            if (!after.ContainsKey(cell) && value != 0) delta[cell] = -value;
        }
        return delta;
    }

    public static SpeedBand BandOf(TimeSpan speed) => speed.TotalMinutes switch
    {
        <= 5 => SpeedBand.Under5,
        <= 15 => SpeedBand.Under15,
        <= 60 => SpeedBand.Under60,
        _ => SpeedBand.Over60,
    };

    /// <summary>The word of a step in cell keys and in the API: the lead status wire names (<c>mql</c>, <c>service</c>…).</summary>
    public static string Word(FunnelStep step) => WireNames.Of(step);

    private static void Increment(Dictionary<KpiCell, long> cells, KpiCell cell) =>
        cells[cell] = cells.GetValueOrDefault(cell) + 1;

    private static string? RepOf(string? detail) =>
        string.IsNullOrWhiteSpace(detail) || !detail.Contains('@', StringComparison.Ordinal) ? null : detail.Trim().ToLowerInvariant().Replace('|', '/');

    private readonly record struct TimedStep(FunnelStep Step, DateTimeOffset At, string Key, string? Detail);

    private static List<TimedStep> Steps(IEnumerable<LeadEvent> events)
    {
        var byKey = new Dictionary<string, TimedStep>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (KpiEventTypes.Classify(e) is not { } step) continue;
            var key = KpiEventTypes.KeyOf(e);
            byKey.TryAdd(key, new TimedStep(step, e.At, key, e.Detail));
        }
        // Same-time events (SQL and SAL recorded in one save) keep the funnel's order, then a fixed order by key.
        return [.. byKey.Values.OrderBy(s => s.At).ThenBy(s => (int)s.Step).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }
}
