using System.Globalization;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// Monthly website visitors as CSV, header <c>month,visitors</c> (any order, more columns ignored). Every refused row
/// is named with its line and reason; a month given twice is refused (which of the two would count is a guess).
/// </summary>
public static class VisitorsCsvParser
{
    public const int MaxRows = 1_000;
    public const long MaxVisitors = 1_000_000_000_000;

    public static (IReadOnlyList<(KpiMonth Month, long Visitors)> Rows, IReadOnlyList<SpendRowError> Errors) Parse(string text)
    {
        var records = SpendLedgerParser.ReadCsv(text);
        var rows = new List<(KpiMonth, long)>();
        var errors = new List<SpendRowError>();
        if (records.Count == 0) return (rows, [new SpendRowError(1, "header", "the file is empty; the first line must be month,visitors.")]);
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int monthAt = header.IndexOf("month"), visitorsAt = header.IndexOf("visitors");
        if (monthAt < 0) errors.Add(new SpendRowError(1, "header", "the column 'month' is missing."));
        if (visitorsAt < 0) errors.Add(new SpendRowError(1, "header", "the column 'visitors' is missing."));
        if (errors.Count > 0) return (rows, errors);
        if (records.Count - 1 > MaxRows) return (rows, [new SpendRowError(MaxRows + 2, "file", $"at most {MaxRows} rows per import.")]);
        var seen = new Dictionary<KpiMonth, int>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var (row, rowErrors) = ParseRow(line, monthAt < fields.Count ? fields[monthAt] : null, visitorsAt < fields.Count ? fields[visitorsAt] : null);
            errors.AddRange(rowErrors);
            if (row is not { } r) continue;
            if (seen.TryGetValue(r.Month, out var earlier))
            {
                errors.Add(new SpendRowError(line, "month", $"repeats line {earlier.ToString(CultureInfo.InvariantCulture)} (same month)."));
                continue;
            }
            seen[r.Month] = line;
            rows.Add(r);
        }
        return (rows, errors);
    }

    public static ((KpiMonth Month, long Visitors)? Row, IReadOnlyList<SpendRowError> Errors) ParseRow(int line, string? month, string? visitors)
    {
        var errors = new List<SpendRowError>();
        if (!KpiMonth.TryParse(month?.Trim(), out var m)) errors.Add(new(line, "month", "must be YYYY-MM, e.g. 2026-11."));
        if (!long.TryParse(visitors?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > MaxVisitors)
            errors.Add(new(line, "visitors", "must be a whole number between 0 and 1,000,000,000,000."));
        return errors.Count > 0 ? (null, errors) : ((m, v), errors);
    }
}
