using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Kpis;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// <c>PUT|POST /api/kpis/spend</c> (admin): spend ledger lines as JSON (an array, or <c>{"rows": [...]}</c>) or as a CSV
/// file (<c>text/csv</c>). Idempotent by month + channel + source + campaign + kind: sending a line again replaces its
/// amount. All or nothing: when any row is refused, 422 names every refused row (line and field) and nothing is stored.
/// </summary>
internal sealed class PutKpiSpend(TableKpiStore store, IOptions<KpiOptions> options)
{
    [Function("PutKpiSpend")]
    public Task<Results<Ok<PutKpiSpend.Stored>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "put", "post", Route = "kpis/spend")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, store, options, cancellationToken);

    private const int MaxBodyBytes = 1024 * 1024;

    private static async Task<Results<Ok<Stored>, ProblemHttpResult>> HandleAsync(HttpRequest request, TableKpiStore store, IOptions<KpiOptions> options, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        bool csv = mediaType is "text/csv" or "application/csv";
        if (!csv && mediaType != "application/json") return Problems.UnsupportedMediaType(request.ContentType, "application/json", "text/csv");
        if (!(await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken)).TryValue(out var body, out var unreadable)) return unreadable;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Malformed("body", "The body is not valid UTF-8.");
        }
        var currency = options.Value.Currency;
        if (!(csv ? FromCsv(text, currency) : FromJson(text, currency)).TryValue(out var parsed, out var problem)) return problem;
        var (lines, errors) = parsed;
        if (errors.Count > 0)
        {
            return Problems.Fields(StatusCodes.Status422UnprocessableEntity, $"{errors.Select(e => e.Line).Distinct().Count()} spend rows were refused; nothing was stored.",
                [.. errors.Select(e => new FieldError(csv ? $"line {e.Line.ToString(CultureInfo.InvariantCulture)}: {e.Field}" : $"rows[{(e.Line - 1).ToString(CultureInfo.InvariantCulture)}].{e.Field}", e.Reason))]);
        }
        await store.UpsertSpendAsync(lines, cancellationToken);
        return TypedResults.Ok(new Stored(lines.Count, [.. lines.Select(l => l.Month.ToString()).Distinct().Order(StringComparer.Ordinal)]));
    }

    private static ReadOutcome<(IReadOnlyList<SpendLine> Lines, IReadOnlyList<SpendRowError> Errors)> FromCsv(string text, string currency)
    {
        var (lines, errors) = SpendLedgerParser.ParseCsv(text, currency);
        return (lines, errors);
    }

    private static ReadOutcome<(IReadOnlyList<SpendLine> Lines, IReadOnlyList<SpendRowError> Errors)> FromJson(string text, string currency)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var rows)) root = rows;
            if (root.ValueKind != JsonValueKind.Array) return Problems.Malformed("body", "The body must be a JSON array of spend rows, or {\"rows\": [...]}.");
            if (root.GetArrayLength() > SpendLedgerParser.MaxRows) return Problems.Malformed("rows", $"At most {SpendLedgerParser.MaxRows} rows per request.");
            var lines = new List<SpendLine>();
            var errors = new List<SpendRowError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var row in root.EnumerateArray())
            {
                index++;
                if (row.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new SpendRowError(index, "row", "must be an object."));
                    continue;
                }
                string? Field(string name) => row.TryGetProperty(name, out var v) ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => null,
                } : null;
                var (line, rowErrors) = SpendLedgerParser.ParseRow(index, Field("month"), Field("channel"), Field("source"), Field("campaign"), Field("kind"), Field("amount"), Field("currency"), currency);
                errors.AddRange(rowErrors);
                if (line is null) continue;
                if (!seen.Add(line.IdentityKey))
                {
                    errors.Add(new SpendRowError(index, "row", "repeats an earlier row (same month, channel, source, campaign and kind)."));
                    continue;
                }
                lines.Add(line);
            }
            return (lines, errors);
        }
        catch (JsonException)
        {
            return Problems.Malformed("body", "The body is not valid JSON.");
        }
    }

    /// <summary><c>{accepted, months}</c>: how many lines were stored, and the months they fall in.</summary>
    internal sealed record Stored(int Accepted, IReadOnlyList<string> Months);
}
