using System.Globalization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// Turns the counters of a few months into one month's <see cref="KpiReport"/>: pure arithmetic over the projections
/// (never over leads), so a month with 100,000 leads costs what a month with ten does. It reads the month itself
/// (period counts, outcomes, speed, reps), the month before (LVR) and up to six months after (cohort windows of up
/// to 180 days, velocity of changes that finished later).
/// </summary>
public static class KpiReportBuilder
{
    /// <summary>The months whose counters a report of <paramref name="month"/> reads.</summary>
    public static IReadOnlyList<KpiMonth> MonthsRead(KpiMonth month, KpiMonth current) =>
        [.. Enumerable.Range(-1, 8).Select(month.AddMonths).Where(m => m <= current)];

    public static KpiReport Build(
        KpiMonth month, KpiMode mode, int window, IReadOnlyDictionary<KpiMonth, IReadOnlyDictionary<string, long>> rows,
        KpiInputs inputs, DateTimeOffset now, KpiCalendar calendar, string currency, DateTimeOffset? restatedAt)
    {
        var empty = new Dictionary<string, long>();
        var row = rows.GetValueOrDefault(month) ?? empty;
        var previous = rows.GetValueOrDefault(month.AddMonths(-1)) ?? empty;
        var channels = Enum.GetValues<Channel>().Select(WireNames.Of).ToList();

        // counts[(channel, source)][word]
        var counts = new Dictionary<(string Ch, string Src), Dictionary<string, long>>();
        var campaigns = new HashSet<(string Ch, string Src, string Cmp)>();
        void Count(string ch, string src, string word, long n)
        {
            if (!counts.TryGetValue((ch, src), out var c)) counts[(ch, src)] = c = new Dictionary<string, long>();
            c[word] = c.GetValueOrDefault(word) + n;
        }
        string prefix = mode == KpiMode.Cohort ? $"c|{month.Key}|{window.ToString(CultureInfo.InvariantCulture)}|" : "p|";
        foreach (var (key, n) in row)
        {
            var parts = key.Split('|');
            if (parts[0] == "o" && parts.Length == 5)
            {
                Count(parts[2], parts[3], "o:" + parts[1], n);
                if (parts[1] == "captured" && n > 0) campaigns.Add((parts[2], parts[3], parts[4]));
            }
            else if (mode == KpiMode.Period && parts[0] == "p" && parts.Length == 5) Count(parts[2], parts[3], parts[1], n);
        }
        if (mode == KpiMode.Cohort)
        {
            foreach (var later in rows.Where(r => r.Key >= month))
            {
                foreach (var (key, n) in later.Value)
                {
                    if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    var parts = key.Split('|');
                    if (parts.Length == 6) Count(parts[4], parts[5], parts[3], n);
                }
            }
        }
        var previousMql = new Dictionary<string, long>();
        foreach (var (key, n) in previous)
        {
            var parts = key.Split('|');
            if (parts.Length == 5 && parts[0] == "p" && parts[1] == "mql") previousMql[parts[2]] = previousMql.GetValueOrDefault(parts[2]) + n;
        }
        var spendLines = inputs.Spend.Where(s => s.Month == month).ToList();
        var velocity = Velocity(month, rows, row);

        KpiFigures Figures(Func<string, bool> channel, Func<string, bool> source)
        {
            long Sum(string word) => counts.Where(c => channel(c.Key.Ch) && source(c.Key.Src)).Sum(c => c.Value.GetValueOrDefault(word));
            long captured = Sum("o:captured"), spam = Sum("o:spam");
            long mql = Sum("mql"), won = Sum("won"), sql = Sum("sql");
            long prevMql = previousMql.Where(p => channel(p.Key)).Sum(p => p.Value);
            var lines = spendLines.Where(s => channel(WireNames.Of(s.Channel)) && source(s.Source)).ToList();
            decimal leadGen = lines.Where(s => s.Kind == SpendKind.LeadGeneration).Sum(s => s.Amount), all = lines.Sum(s => s.Amount);
            long viaNurture = mode == KpiMode.Period ? Sum("sql_via_nurture") : 0;
            return new KpiFigures
            {
                Mcl = captured - spam,
                Mql = mql,
                Remql = mode == KpiMode.Period ? Sum("remql") : 0,
                Sql = sql,
                Sal = Sum("sal"),
                Opportunity = Sum("opportunity"),
                Won = won,
                Lost = Sum("lost"),
                Nurture = Sum("nurture"),
                Spam = spam,
                Service = Sum("o:service"),
                Hr = Sum("o:hr"),
                Other = Sum("o:other"),
                Conversion = Ratio(captured - spam, inputs.Visitors ?? 0),
                Transformation = Ratio(won, mql),
                Velocity = velocity.ToDictionary(v => v.Key, v => v.Value(channel)),
                Lvr = prevMql == 0 ? null : (double)(mql - prevMql) / prevMql,
                // No spend entered is not a cost of zero: CPL and CAC are undefined then, as with no lead or no sale.
                Cpl = mql == 0 || !lines.Any(l => l.Kind == SpendKind.LeadGeneration) ? null : Math.Round(leadGen / mql, 2),
                Cac = won == 0 || lines.Count == 0 ? null : Math.Round(all / won, 2),
                Spend = all,
                SqlViaNurture = viaNurture,
                SqlViaNurtureShare = mode == KpiMode.Period ? Ratio(viaNurture, sql) : null,
            };
        }

        var sources = counts.Keys.Where(k => counts[k].GetValueOrDefault("o:captured") + counts[k].GetValueOrDefault("mql") > 0)
            .OrderBy(k => k.Ch, StringComparer.Ordinal).ThenBy(k => k.Src, StringComparer.Ordinal)
            .Select(k =>
            {
                var c = counts[k];
                decimal spend = spendLines.Where(s => WireNames.Of(s.Channel) == k.Ch && s.Source == k.Src).Sum(s => s.Amount);
                decimal leadGen = spendLines.Where(s => WireNames.Of(s.Channel) == k.Ch && s.Source == k.Src && s.Kind == SpendKind.LeadGeneration).Sum(s => s.Amount);
                long mql = c.GetValueOrDefault("mql");
                return new KpiSourceFigures(k.Ch, k.Src, c.GetValueOrDefault("o:captured") - c.GetValueOrDefault("o:spam"), mql,
                    c.GetValueOrDefault("sql"), c.GetValueOrDefault("won"), spend, mql == 0 ? null : Math.Round(leadGen / mql, 2));
            }).ToList();

        var unmatched = spendLines
            .Where(s => !campaigns.Any(c => c.Ch == WireNames.Of(s.Channel) && c.Src == s.Source && (s.Campaign.Length == 0 || c.Cmp == s.Campaign)))
            .Select(s => new KpiUnmatchedSpend(WireNames.Of(s.Channel), s.Source, s.Campaign, WireNames.Of(s.Kind), s.Amount)).ToList();

        var capturedTotal = counts.Sum(c => c.Value.GetValueOrDefault("o:captured"));
        var spamTotal = counts.Sum(c => c.Value.GetValueOrDefault("o:spam"));
        long OutcomeSum(string word) => counts.Sum(c => c.Value.GetValueOrDefault("o:" + word));
        var screening = new KpiScreeningQuality(
            capturedTotal, spamTotal, Ratio(spamTotal, capturedTotal), OutcomeSum("quarantined"), OutcomeSum("released"),
            Ratio(OutcomeSum("released"), OutcomeSum("quarantined")),
            Ratio(OutcomeSum("service"), capturedTotal - spamTotal), Ratio(OutcomeSum("hr"), capturedTotal - spamTotal),
            Ratio(OutcomeSum("other"), capturedTotal - spamTotal), OutcomeSum("review"));

        DateTimeOffset windowEnd = calendar.StartOf(month.AddMonths(1)) + TimeSpan.FromDays(window);
        return new KpiReport
        {
            Month = month.ToString(),
            Mode = WireNames.Of(mode),
            WindowDays = mode == KpiMode.Cohort ? window : null,
            WindowComplete = mode == KpiMode.Cohort ? now >= windowEnd : null,
            TimeZone = calendar.Zone.Id,
            Currency = currency,
            Visitors = inputs.Visitors,
            Total = Figures(_ => true, _ => true),
            Channels = channels.ToDictionary(ch => ch, ch => Figures(c => c == ch, _ => true)),
            Sources = sources,
            SpeedToLead = SpeedToLead(row, channels),
            Reps = Reps(row),
            Screening = screening,
            UnmatchedSpend = unmatched,
            RestatedAt = restatedAt,
        };
    }

    /// <summary>A duration as <c>hh:mm</c>, hours unbounded (52:10 is two days and four hours).</summary>
    public static string HoursMinutes(TimeSpan duration)
    {
        long minutes = (long)Math.Round(duration.TotalMinutes);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:D2}:{minutes % 60:D2}");
    }

    private static double? Ratio(long numerator, long denominator) => denominator <= 0 ? null : (double)numerator / denominator;

    private static Dictionary<string, Func<Func<string, bool>, KpiVelocity>> Velocity(
        KpiMonth month, IReadOnlyDictionary<KpiMonth, IReadOnlyDictionary<string, long>> rows, IReadOnlyDictionary<string, long> row)
    {
        // samples[change][clock][channel][bucket], entered[change][channel]
        var samples = new Dictionary<(string Change, string Clock, string Ch), Dictionary<int, long>>();
        var entered = new Dictionary<(string Change, string Ch), long>();
        string fromMonth = month.Key;
        foreach (var later in rows.Where(r => r.Key >= month))
        {
            foreach (var (key, n) in later.Value)
            {
                if (!key.StartsWith("v|", StringComparison.Ordinal)) continue;
                var parts = key.Split('|');
                if (parts.Length != 6 || parts[3] != fromMonth) continue;
                if (!samples.TryGetValue((parts[1], parts[2], parts[4]), out var buckets)) samples[(parts[1], parts[2], parts[4])] = buckets = [];
                int bucket = int.Parse(parts[5], CultureInfo.InvariantCulture);
                buckets[bucket] = buckets.GetValueOrDefault(bucket) + n;
            }
        }
        foreach (var (key, n) in row)
        {
            if (!key.StartsWith("ve|", StringComparison.Ordinal)) continue;
            var parts = key.Split('|');
            if (parts.Length == 3) entered[(parts[1], parts[2])] = entered.GetValueOrDefault((parts[1], parts[2])) + n;
        }
        return Enum.GetValues<FunnelChange>().Select(WireNames.Of).ToDictionary(change => change, change => (Func<Func<string, bool>, KpiVelocity>)(channel =>
        {
            Dictionary<int, long> Merge(string clock)
            {
                var merged = new Dictionary<int, long>();
                foreach (var ((c, k, ch), buckets) in samples)
                {
                    if (c != change || k != clock || !channel(ch)) continue;
                    foreach (var (b, n) in buckets) merged[b] = merged.GetValueOrDefault(b) + n;
                }
                return merged;
            }
            var wall = Merge("w");
            var business = Merge("b");
            long count = wall.Values.Sum();
            long enteredCount = entered.Where(e => e.Key.Change == change && channel(e.Key.Ch)).Sum(e => e.Value);
            long open = Math.Max(0, enteredCount - count);
            var p50 = DurationHistogram.Percentile(wall, 0.5);
            var p90 = DurationHistogram.Percentile(wall, 0.9);
            var b50 = DurationHistogram.Percentile(business, 0.5);
            var b90 = DurationHistogram.Percentile(business, 0.9);
            return new KpiVelocity
            {
                P50 = p50 is { } a ? HoursMinutes(a) : null,
                P90 = p90 is { } b ? HoursMinutes(b) : null,
                P50Seconds = p50 is { } c ? (long)c.TotalSeconds : null,
                P90Seconds = p90 is { } d ? (long)d.TotalSeconds : null,
                Count = count,
                Entered = enteredCount,
                OpenCount = open,
                Open = Ratio(open, enteredCount),
                Business = new KpiBusinessVelocity(
                    b50 is { } e ? HoursMinutes(e) : null, b90 is { } f ? HoursMinutes(f) : null,
                    b50 is { } g ? (long)g.TotalSeconds : null, b90 is { } h ? (long)h.TotalSeconds : null),
            };
        }));
    }

    private static KpiSpeedToLead SpeedToLead(IReadOnlyDictionary<string, long> row, List<string> channels)
    {
        var bands = Enum.GetValues<SpeedBand>().Select(WireNames.Of).ToList();
        var byChannel = channels.ToDictionary(ch => ch, ch => (IReadOnlyDictionary<string, long>)bands.ToDictionary(b => b, b => row.GetValueOrDefault($"s|{b}|{ch}")));
        var total = bands.ToDictionary(b => b, b => byChannel.Values.Sum(c => c[b]));
        var histogram = new Dictionary<int, long>();
        foreach (var (key, n) in row)
        {
            if (!key.StartsWith("sh|", StringComparison.Ordinal)) continue;
            int bucket = int.Parse(key.AsSpan(key.LastIndexOf('|') + 1), CultureInfo.InvariantCulture);
            histogram[bucket] = histogram.GetValueOrDefault(bucket) + n;
        }
        var p50 = DurationHistogram.Percentile(histogram, 0.5);
        return new KpiSpeedToLead(total, p50 is { } p ? HoursMinutes(p) : null, p50 is { } s ? (long)s.TotalSeconds : null, byChannel);
    }

    private static List<KpiRepFigures> Reps(IReadOnlyDictionary<string, long> row)
    {
        var figures = new Dictionary<string, (long Assigned, long Accepted, long Breaches, long Won, Dictionary<int, long> Speed)>(StringComparer.Ordinal);
        foreach (var (key, n) in row)
        {
            var parts = key.Split('|');
            if (parts[0] is not ("ra" or "rc" or "rb" or "rw" or "rs") || parts.Length < 2) continue;
            var f = figures.GetValueOrDefault(parts[1], (0, 0, 0, 0, new Dictionary<int, long>()));
            switch (parts[0])
            {
                case "ra": f.Assigned += n; break;
                case "rc": f.Accepted += n; break;
                case "rb": f.Breaches += n; break;
                case "rw": f.Won += n; break;
                case "rs" when parts.Length == 3:
                    int bucket = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    f.Speed[bucket] = f.Speed.GetValueOrDefault(bucket) + n;
                    break;
            }
            figures[parts[1]] = f;
        }
        return [.. figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f =>
        {
            var p50 = DurationHistogram.Percentile(f.Value.Speed, 0.5);
            return new KpiRepFigures(f.Key, f.Value.Assigned, f.Value.Accepted, Ratio(f.Value.Accepted, f.Value.Assigned), f.Value.Breaches, f.Value.Won,
                p50 is { } p ? HoursMinutes(p) : null, p50 is { } s ? (long)s.TotalSeconds : null);
        })];
    }
}
