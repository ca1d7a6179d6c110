using System.Text.Json.Nodes;

namespace LeadIntake.Functions.Kpis;

/// <summary>The KPI endpoints' part of the OpenAPI document: what each does, its query parameters, and the report's schema.</summary>
internal static class KpiOpenApi
{
    private static readonly Dictionary<string, (string Description, (string Name, string Description, string[]? Values)[] Query)> Operations = new(StringComparer.Ordinal)
    {
        ["GetKpis"] = ("Admin key (x-functions-key) or signed-in console user. The month's KPIs per channel and in total: counts per stage (mcl, mql, remql, sql, sal, opportunity, won, lost, nurture, spam, service, hr, other), " +
            "conversion (MCL ÷ visitors), transformation (won ÷ MQL), velocity per stage change {p50, p90 as hh:mm, count, open share, business-hours p50/p90}, lvr, cpl, cac " +
            "(null when undefined); speed-to-lead bands, per-rep figures, screening quality and spend that matches no lead. Definitions: docs/kpis.md.",
            [Month(false), Mode(), Window()]),
        ["PutKpiSpend"] = ("Spend ledger lines, JSON (array or {rows}) or text/csv with a header month,channel,source,campaign,kind,amount,currency. Idempotent by " +
            "month+channel+source+campaign+kind. 422 names every refused row (line and field); nothing is stored then.", []),
        ["PutKpiVisitors"] = ("The month's website visitors, body {\"visitors\": 12345}: the conversion rate's denominator.", []),
        ["RecomputeKpiMonth"] = ("Recomputes one month's KPI counters from the event log now (the daily timer does the current and previous month). Answers {month, changed}.", [Month(true)]),
        ["ExportKpis"] = ("Admin key or signed-in console user. The month's KPI tables as CSV (one table) or XLSX (every table as a sheet), protected against formula injection.",
            [Month(false), Mode(), Window(), ("format", "csv (default) or xlsx", ["csv", "xlsx"]), ("table", "one table; CSV default funnel", [.. KpiTables.Names])]),
        ["ExportKpiParquet"] = ("Writes the month's pseudonymised lead events (keyed hashes instead of ids, no personal data or free text) as Parquet to Blob storage, " +
            "lead-events/month=YYYY-MM/lead-events.parquet. 409 when Kpis:ExportKey is not set.", [Month(true)]),
        ["KpiPage"] = ("Signed-in console user (else 302 to the sign-in page). The KPI page (HTML, no script): charts with table fallbacks, in English or French.", [Month(false), Mode(), Window(), ("lang", "en or fr", ["en", "fr"])]),
    };

    /// <summary>Adds descriptions, query parameters and the report schema to the KPI operations already in <paramref name="paths"/>.</summary>
    public static void Describe(JsonObject paths)
    {
        foreach (var (_, item) in paths)
        {
            if (item is not JsonObject methods) continue;
            foreach (var (_, node) in methods)
            {
                if (node is not JsonObject operation || operation["operationId"]?.GetValue<string>() is not { } id || !Operations.TryGetValue(id, out var spec)) continue;
                operation["description"] = spec.Description;
                var parameters = operation["parameters"] as JsonArray ?? [];
                foreach (var (name, description, values) in spec.Query)
                {
                    var schema = new JsonObject { ["type"] = "string" };
                    if (values is not null) schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
                    if (name == "month") schema["pattern"] = "^[0-9]{4}-[0-9]{2}$";
                    parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema });
                }
                operation["parameters"] = parameters;
                if (id == "GetKpis")
                {
                    operation["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "The report.", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ReportSchema() } } },
                        ["400"] = new JsonObject { ["description"] = "application/problem+json naming the parameter (month, mode or window)." },
                    };
                }
            }
        }
    }

    private static (string, string, string[]?) Month(bool required) => ("month", required ? "YYYY-MM (required)" : "YYYY-MM, default this month (account time zone)", null);
    private static (string, string, string[]?) Mode() => ("mode", "period (default) or cohort", ["period", "cohort"]);
    private static (string, string, string[]?) Window() => ("window", "cohort window in days, default 90", ["30", "90", "180"]);

    private static JsonObject ReportSchema()
    {
        JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };
        var velocity = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["p50"] = Nullable("string"), ["p90"] = Nullable("string"), ["p50Seconds"] = Nullable("integer"), ["p90Seconds"] = Nullable("integer"),
                ["count"] = new JsonObject { ["type"] = "integer" }, ["entered"] = new JsonObject { ["type"] = "integer" },
                ["openCount"] = new JsonObject { ["type"] = "integer" }, ["open"] = Nullable("number"), ["business"] = new JsonObject { ["type"] = "object" },
            },
        };
        var figureProperties = new JsonObject();
        foreach (var stage in new[] { "mcl", "mql", "remql", "sql", "sal", "opportunity", "won", "lost", "nurture", "spam", "service", "hr", "other", "sqlViaNurture" })
            figureProperties[stage] = new JsonObject { ["type"] = "integer" };
        foreach (var rate in new[] { "conversion", "transformation", "lvr", "cpl", "cac", "sqlViaNurtureShare" }) figureProperties[rate] = Nullable("number");
        figureProperties["spend"] = new JsonObject { ["type"] = "number" };
        figureProperties["velocity"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = velocity };
        var figures = new JsonObject { ["type"] = "object", ["properties"] = figureProperties };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["month"] = new JsonObject { ["type"] = "string" },
                ["mode"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("period", "cohort") },
                ["windowDays"] = Nullable("integer"),
                ["windowComplete"] = Nullable("boolean"),
                ["timeZone"] = new JsonObject { ["type"] = "string" },
                ["currency"] = new JsonObject { ["type"] = "string" },
                ["visitors"] = Nullable("integer"),
                ["total"] = figures,
                ["channels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = figures.DeepClone() },
                ["sources"] = new JsonObject { ["type"] = "array" },
                ["speedToLead"] = new JsonObject { ["type"] = "object" },
                ["reps"] = new JsonObject { ["type"] = "array" },
                ["screening"] = new JsonObject { ["type"] = "object" },
                ["unmatchedSpend"] = new JsonObject { ["type"] = "array" },
                ["restatedAt"] = Nullable("string"),
            },
        };
    }
}
