using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Kpis;

/// <summary>
/// Reads spend rows (CSV import or JSON items): <c>month,channel,source,campaign,kind,amount,currency</c>. Every refused
/// row is named with its line and reason; the good rows are kept only when no row is refused (an import is all or
/// nothing, so fixing the file and sending it again is always safe: rows are idempotent by their identity).
/// </summary>
public static class SpendLedgerParser
{
    public static IReadOnlyList<string> Columns { get; } = ["month", "channel", "source", "campaign", "kind", "amount", "currency"];
    public const int MaxRows = 5_000;

    /// <summary>One row from its fields (null for a missing field).</summary>
    public static (SpendLine? Line, IReadOnlyList<SpendRowError> Errors) ParseRow(
        int line, string? month, string? channel, string? source, string? campaign, string? kind, string? amount, string? currency, string accountCurrency)
    {
        var errors = new List<SpendRowError>();
        if (!KpiMonth.TryParse(month?.Trim(), out var m)) errors.Add(new(line, "month", "must be YYYY-MM, e.g. 2026-11."));
        if (!WireNames.TryParse<Channel>(channel?.Trim(), out var ch))
            errors.Add(new(line, "channel", $"must be one of {string.Join(", ", WireNames.All<Channel>())}."));
        var src = LeadKpiProfile.Label(source) ?? LeadKpiProfile.NoSource;
        var cmp = LeadKpiProfile.Label(campaign) ?? "";
        SpendKind k = default;
        var kindText = kind?.Trim().Replace('-', '_');
        if (!WireNames.TryParse(kindText, out k)) errors.Add(new(line, "kind", "must be lead-generation or conversion."));
        if (!decimal.TryParse(amount?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            errors.Add(new(line, "amount", "must be a number with a dot for decimals, e.g. 1250.50."));
        else if (value < 0 || value > 1_000_000_000m) errors.Add(new(line, "amount", "must be between 0 and 1,000,000,000."));
        else if (decimal.Round(value, 2) != value) errors.Add(new(line, "amount", "must have at most two decimals."));
        var cur = string.IsNullOrWhiteSpace(currency) ? accountCurrency : currency.Trim().ToUpperInvariant();
        if (!string.Equals(cur, accountCurrency, StringComparison.Ordinal))
            errors.Add(new(line, "currency", $"must be {accountCurrency}, the account's currency (Kpis:Currency); convert the amount first."));
        return errors.Count > 0 ? (null, errors) : (new SpendLine(m, ch, src, cmp, k, value, cur), errors);
    }

    /// <summary>A CSV file with a header naming the columns (any order; campaign and currency may be left out).</summary>
    public static (IReadOnlyList<SpendLine> Lines, IReadOnlyList<SpendRowError> Errors) ParseCsv(string text, string accountCurrency)
    {
        var records = ReadCsv(text);
        var errors = new List<SpendRowError>();
        var lines = new List<SpendLine>();
        if (records.Count == 0) return (lines, [new SpendRowError(1, "header", "the file is empty; the first line must name the columns: " + string.Join(",", Columns) + ".")]);
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { "month", "channel", "source", "kind", "amount" })
        {
            if (!header.Contains(required)) errors.Add(new SpendRowError(1, "header", $"the column '{required}' is missing."));
        }
        if (errors.Count > 0) return (lines, errors);
        if (records.Count - 1 > MaxRows) return (lines, [new SpendRowError(MaxRows + 2, "file", $"at most {MaxRows} rows per import.")]);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lineNumber, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string? Field(string name) { int i = header.IndexOf(name); return i >= 0 && i < fields.Count ? fields[i] : null; }
            if (fields.Count != header.Count)
            {
                errors.Add(new SpendRowError(lineNumber, "row", $"has {fields.Count} fields; the header has {header.Count}."));
                continue;
            }
            var (line, rowErrors) = ParseRow(lineNumber, Field("month"), Field("channel"), Field("source"), Field("campaign"), Field("kind"), Field("amount"), Field("currency"), accountCurrency);
            errors.AddRange(rowErrors);
            if (line is null) continue;
            if (seen.TryGetValue(line.IdentityKey, out int earlier))
            {
                errors.Add(new SpendRowError(lineNumber, "row", $"repeats line {earlier.ToString(CultureInfo.InvariantCulture)} (same month, channel, source, campaign and kind)."));
                continue;
            }
            seen[line.IdentityKey] = lineNumber;
            lines.Add(line);
        }
        return (lines, errors);
    }

    /// <summary>RFC 4180 records with the line each starts on: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    internal static List<(int Line, List<string> Fields)> ReadCsv(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int line = 1, start = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    if (any || fields.Count > 1 || fields[0].Length > 0) records.Add((start, fields));
                    fields = []; any = false; line++; start = line;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }
        if (records.Count > 0 && records[0].Item2.Count > 0 && records[0].Item2[0].StartsWith('\uFEFF')) records[0].Item2[0] = records[0].Item2[0][1..];
        return records;
    }
}
