using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Localization;

namespace LeadIntake.Functions.Kpis;

/// <summary>
/// The KPI page's body: server-rendered HTML with inline SVG charts (each with a title, a description and the same
/// figures as a table), no script. Every value is HTML-encoded; undefined rates and costs read "—". The console
/// layout wraps it (<see cref="KpiPage"/>).
/// </summary>
internal static class KpiPageBody
{
    private static readonly string[] FunnelStages = ["mcl", "mql", "sql", "sal", "opportunity", "won"];

    /// <param name="query">The query string to repeat on export links (month, mode, window, and the key when it came that way).</param>
    public static string Render(KpiReport report, KpiTexts t, string exportQuery)
    {
        var html = new StringBuilder();
        var monthName = MonthName(report.Month, t);
        html.Append("<section class=\"kpis\">");
        html.Append("<p class=\"mode\">").Append(E(report.Mode == "cohort"
            ? t.Format("ModeLabel_cohort", monthName, report.WindowDays)
            : t.Format("ModeLabel_period", monthName))).Append(' ').Append(E(t.Format("TimeZone", report.TimeZone))).Append("</p>");
        if (report.WindowComplete == false) html.Append("<p class=\"notice\">").Append(E(t.Format("WindowOpen", report.WindowDays))).Append("</p>");
        if (report.RestatedAt is { } restated)
            html.Append("<p class=\"notice\">").Append(E(t.Format("Restated", restated.ToString("d", t.Culture)))).Append("</p>");

        // Funnel: chart and table.
        html.Append("<h2>").Append(E(t["Funnel"])).Append("</h2>");
        html.Append(BarChart("funnel", t["Funnel"], t["FunnelDesc"], [.. FunnelStages.Select(s => (t["Stage_" + s], (double)Count(report.Total, s), Count(report.Total, s).ToString("N0", t.Culture)))], t));

        string[] columns = ["mcl", "mql", "remql", "sql", "sal", "opportunity", "won", "lost", "nurture", "spam", "service", "hr", "other"];
        html.Append("<h2>").Append(E(t["ByChannel"])).Append("</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">").Append(E(t["Channel"])).Append("</th>");
        foreach (var c in columns) html.Append("<th scope=\"col\">").Append(E(t["Stage_" + c])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (name, figures) in Scopes(report))
        {
            html.Append("<tr><th scope=\"row\">").Append(E(t["Channel_" + name])).Append("</th>");
            foreach (var c in columns) html.Append("<td>").Append(Count(figures, c).ToString("N0", t.Culture)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");

        html.Append("<h2>").Append(E(t["Rates"])).Append("</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">").Append(E(t["Channel"])).Append("</th>");
        foreach (var key in new[] { "Conversion", "Transformation", "Lvr", "Spend", "Cpl", "Cac", "SqlViaNurture" }) html.Append("<th scope=\"col\">").Append(E(t[key])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (name, f) in Scopes(report))
        {
            html.Append("<tr><th scope=\"row\">").Append(E(t["Channel_" + name])).Append("</th>")
                .Append("<td>").Append(Percent(f.Conversion, t)).Append("</td><td>").Append(Percent(f.Transformation, t)).Append("</td><td>").Append(Percent(f.Lvr, t))
                .Append("</td><td>").Append(Money(f.Spend, report.Currency, t)).Append("</td><td>").Append(Money(f.Cpl, report.Currency, t)).Append("</td><td>")
                .Append(Money(f.Cac, report.Currency, t)).Append("</td><td>").Append(Percent(f.SqlViaNurtureShare, t)).Append("</td></tr>");
        }
        html.Append("</tbody></table></div>");
        html.Append("<p>").Append(E(t["Visitors"])).Append(": ").Append(report.Visitors is { } v ? v.ToString("N0", t.Culture) : E(t["Undefined"])).Append("</p>");

        // Velocity.
        html.Append("<h2>").Append(E(t["Velocity"])).Append("</h2><p>").Append(E(t["VelocityDesc"])).Append("</p><div class=\"scroll\"><table><thead><tr>");
        foreach (var key in new[] { "Change", "Median", "p90", "Count", "Open", "Business" })
            html.Append("<th scope=\"col\">").Append(key == "p90" ? "p90" : E(t[key])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (change, velocity) in report.Total.Velocity)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(t["Change_" + change])).Append("</th><td>").Append(E(velocity.P50 ?? t["Undefined"])).Append("</td><td>")
                .Append(E(velocity.P90 ?? t["Undefined"])).Append("</td><td>").Append(velocity.Count.ToString("N0", t.Culture)).Append("</td><td>")
                .Append(Percent(velocity.Open, t)).Append("</td><td>").Append(E(velocity.Business.P50 ?? t["Undefined"])).Append(" / ")
                .Append(E(velocity.Business.P90 ?? t["Undefined"])).Append("</td></tr>");
        }
        html.Append("</tbody></table></div>");

        // Speed to lead.
        html.Append("<h2>").Append(E(t["SpeedToLead"])).Append("</h2>");
        html.Append(BarChart("speed", t["SpeedToLead"], t["SpeedDesc"],
            [.. report.SpeedToLead.Bands.Select(b => (t["Band_" + b.Key], (double)b.Value, b.Value.ToString("N0", t.Culture)))], t));
        html.Append("<p>").Append(E(t["Median"])).Append(": ").Append(E(report.SpeedToLead.P50 ?? t["Undefined"])).Append("</p>");

        // Reps.
        html.Append("<h2>").Append(E(t["Reps"])).Append("</h2><div class=\"scroll\"><table><thead><tr>");
        foreach (var key in new[] { "Rep", "Assigned", "Accepted", "AcceptRate", "SlaBreaches", "Won", "SpeedToLead" }) html.Append("<th scope=\"col\">").Append(E(t[key])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var r in report.Reps)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(r.Rep)).Append("</th><td>").Append(r.Assigned.ToString("N0", t.Culture)).Append("</td><td>")
                .Append(r.Accepted.ToString("N0", t.Culture)).Append("</td><td>").Append(Percent(r.AcceptRate, t)).Append("</td><td>")
                .Append(r.SlaBreaches.ToString("N0", t.Culture)).Append("</td><td>").Append(r.Won.ToString("N0", t.Culture)).Append("</td><td>")
                .Append(E(r.SpeedToLeadP50 ?? t["Undefined"])).Append("</td></tr>");
        }
        html.Append("</tbody></table></div>");

        // Screening quality.
        var s = report.Screening;
        html.Append("<h2>").Append(E(t["Screening"])).Append("</h2><p>").Append(E(t["ScreeningDesc"])).Append("</p><table><tbody>");
        foreach (var (key, value) in new[]
        {
            ("Captured", s.Captured.ToString("N0", t.Culture)), ("SpamShare", Percent(s.SpamShare, t)), ("Quarantined", s.Quarantined.ToString("N0", t.Culture)),
            ("Released", s.Released.ToString("N0", t.Culture)), ("ReleasedShare", Percent(s.ReleasedShare, t)), ("ServiceShare", Percent(s.ServiceShare, t)),
            ("HrShare", Percent(s.HrShare, t)), ("OtherShare", Percent(s.OtherShare, t)),
        })
        {
            html.Append("<tr><th scope=\"row\">").Append(E(t[key])).Append("</th><td>").Append(value).Append("</td></tr>");
        }
        html.Append("</tbody></table>");

        // Spend that matches no lead.
        html.Append("<h2>").Append(E(t["UnmatchedSpend"])).Append("</h2>");
        if (report.UnmatchedSpend.Count == 0) html.Append("<p>").Append(E(t["UnmatchedNone"])).Append("</p>");
        else
        {
            html.Append("<div class=\"scroll\"><table><thead><tr>");
            foreach (var key in new[] { "Channel", "Source", "Campaign", "Kind", "Amount" }) html.Append("<th scope=\"col\">").Append(E(t[key])).Append("</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var u in report.UnmatchedSpend)
            {
                html.Append("<tr><td>").Append(E(t["Channel_" + u.Channel])).Append("</td><td>").Append(E(u.Source)).Append("</td><td>").Append(E(u.Campaign))
                    .Append("</td><td>").Append(E(u.Kind)).Append("</td><td>").Append(Money(u.Amount, report.Currency, t)).Append("</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }

        // Exports.
        html.Append("<h2>").Append(E(t["Exports"])).Append("</h2><ul class=\"exports\">");
        html.Append("<li><a href=\"").Append(E("/api/kpis/export?" + exportQuery + "&format=xlsx")).Append("\">").Append(E(t["ExportXlsx"])).Append("</a></li>");
        foreach (var name in KpiTables.Names)
            html.Append("<li><a href=\"").Append(E($"/api/kpis/export?{exportQuery}&format=csv&table={name}")).Append("\">").Append(E(name)).Append(" (CSV)</a></li>");
        html.Append("</ul></section>");
        return html.ToString();
    }

    /// <summary>A horizontal bar chart in SVG: a title and description for screen readers, then the same figures as a table.</summary>
    internal static string BarChart(string id, string title, string description, IReadOnlyList<(string Label, double Value, string Text)> bars, KpiTexts t)
    {
        const int labelWidth = 150, barWidth = 260, row = 28, valueWidth = 80;
        double max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        int height = Math.Max(row, bars.Count * row);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {labelWidth + barWidth + valueWidth} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            double width = Math.Round(barWidth * value / max, 1);
            int y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 19}\" text-anchor=\"end\" font-size=\"13\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 5}\" width=\"{width}\" height=\"{row - 10}\" fill=\"#2f6db5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 19}\" font-size=\"13\">{E(text)}</text>");
        }
        svg.Append("</svg><figcaption>").Append(E(description)).Append("</figcaption>");
        svg.Append("<table class=\"fallback\"><caption>").Append(E(t["ChartTable"])).Append("</caption><tbody>");
        foreach (var (label, _, text) in bars) svg.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(text)).Append("</td></tr>");
        svg.Append("</tbody></table></figure>");
        return svg.ToString();
    }

    private static IEnumerable<(string Name, KpiFigures Figures)> Scopes(KpiReport report) =>
        report.Channels.Select(c => (c.Key, c.Value)).Append(("total", report.Total));

    private static long Count(KpiFigures f, string stage) => stage switch
    {
        "mcl" => f.Mcl, "mql" => f.Mql, "remql" => f.Remql, "sql" => f.Sql, "sal" => f.Sal, "opportunity" => f.Opportunity, "won" => f.Won,
        "lost" => f.Lost, "nurture" => f.Nurture, "spam" => f.Spam, "service" => f.Service, "hr" => f.Hr, "other" => f.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    private static string MonthName(string month, KpiTexts t) =>
        KpiMonth.TryParse(month, out var m) ? new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", t.Culture) : month;

    private static string Percent(double? value, KpiTexts t) => value is { } v ? E(v.ToString("P1", t.Culture)) : E(t["Undefined"]);

    private static string Money(decimal? value, string currency, KpiTexts t) => value is { } v ? E(v.ToString("N2", t.Culture) + " " + currency) : E(t["Undefined"]);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
