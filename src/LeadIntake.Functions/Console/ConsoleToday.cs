using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Core.Reporting;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Reporting;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET /api/console</c>, the cockpit's entry page: today's leads by channel and outcome, the open leads waiting
/// for a rep with their age, today's SLA reminders and reassignments, and the median system and human delays.
/// Reads today's leads by capture time (a key-range query per shard) and the leads still in <c>mql</c> or
/// <c>assigned</c> within the SLA watch's look-back: nothing older.
/// </summary>
internal sealed class ConsoleToday(TableLeadQueries queries, ILeadStore store, IOptionsMonitor<ConsoleOptions> options, IOptionsMonitor<DispatchOptions> dispatch, TimeProvider time)
{
    [Function("ConsoleToday")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, queries, store, options, dispatch, time, cancellationToken);

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, TableLeadQueries queries, ILeadStore store, IOptionsMonitor<ConsoleOptions> options,
        IOptionsMonitor<DispatchOptions> dispatch, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var t = ConsoleLanguage.Resolve(http);
        var zone = options.CurrentValue.Zone();
        var now = time.GetUtcNow();
        var dayStart = LeadListFilter.StartOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), zone);
        var captured = await queries.CapturedBetweenAsync(dayStart, now.AddMilliseconds(1), cancellationToken);
        var waiting = new List<Lead>();
        foreach (var status in new[] { LeadStatus.Mql, LeadStatus.Assigned })
        {
            await foreach (var stored in store.FindInStatusAsync(status, now - dispatch.CurrentValue.SlaLookback, now.AddSeconds(1), cancellationToken))
            {
                waiting.Add(stored.Lead);
            }
        }
        var summary = TodaySummary.From(captured, waiting, dayStart, now);
        return ConsoleLayout.Page(http, t, user, ConsoleNav.Today, t["Today_Title"], Body(t, summary, zone));
    }

    internal static string Body(ConsoleTexts t, TodaySummary s, TimeZoneInfo zone)
    {
        string E(string? v) => ConsoleLayout.E(v);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\" id=\"today-since\">{E(t.Format("Today_Since", ConsoleLayout.Time(s.DayStart, zone)))}</p>");

        html.Append(CultureInfo.InvariantCulture, $"<section id=\"figures\"><h2>{E(t["Today_Figures"])}</h2><div class=\"figures\">")
            .Append(Figure("reminders", t["Today_Reminders"], s.Reminders.ToString(t.Culture), null))
            .Append(Figure("reassignments", t["Today_Reassignments"], s.Reassignments.ToString(t.Culture), null))
            .Append(Figure("system-delay", t["Today_SystemDelay"], ConsoleLayout.Duration(s.MedianSystemDelay),
                s.SystemDelayCount == 0 ? t["Today_NoDelay"] : t.Format("Today_Over", s.SystemDelayCount)))
            .Append(Figure("human-delay", t["Today_HumanDelay"], ConsoleLayout.Duration(s.MedianHumanDelay),
                s.HumanDelayCount == 0 ? t["Today_NoDelay"] : t.Format("Today_Over", s.HumanDelayCount)))
            .Append("</div></section>");

        var outcomes = Enum.GetValues<TodayOutcome>();
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(t["Today_ByChannel"])}</h2><table class=\"cards grid\" id=\"by-channel\"><thead><tr><th>{E(t["Today_Channel"])}</th>");
        foreach (var o in outcomes) html.Append(CultureInfo.InvariantCulture, $"<th class=\"n\">{E(t["Outcome_" + o])}</th>");
        html.Append(CultureInfo.InvariantCulture, $"<th class=\"n\">{E(t["Today_Total"])}</th></tr></thead><tbody>");
        foreach (var channel in Enum.GetValues<Channel>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-channel=\"{WireNames.Of(channel)}\"><td data-label=\"{E(t["Today_Channel"])}\">{E(t.Rep.Of(channel))}</td>");
            foreach (var o in outcomes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-outcome=\"{o.ToString().ToLowerInvariant()}\" data-label=\"{E(t["Outcome_" + o])}\">{s.ByChannel[channel][o]}</td>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-label=\"{E(t["Today_Total"])}\">{s.Total(channel)}</td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<tr data-channel=\"total\"><td data-label=\"{E(t["Today_Channel"])}\"><b>{E(t["Today_Total"])}</b></td>");
        foreach (var o in outcomes) html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-outcome=\"{o.ToString().ToLowerInvariant()}\" data-label=\"{E(t["Outcome_" + o])}\"><b>{s.Total(o)}</b></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-label=\"{E(t["Today_Total"])}\"><b>{s.Total()}</b></td></tr></tbody></table></section>");

        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(t["Today_Waiting"])}</h2>");
        if (s.Waiting.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"waiting-none\">{E(t["Today_NoneWaiting"])}</p>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<table class=\"cards\" id=\"waiting\"><thead><tr><th>{E(t["Col_Lead"])}</th><th>{E(t["Col_Status"])}</th><th>{E(t["Col_Rep"])}</th><th class=\"n\">{E(t["Today_Age"])}</th></tr></thead><tbody>");
            foreach (var w in s.Waiting)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td data-label=\"{E(t["Col_Lead"])}\"><a href=\"/api/console/leads/{w.Id.Value}\">{w.Id.Value}</a></td>" +
                    $"<td data-label=\"{E(t["Col_Status"])}\">{E(t.Rep.Of(w.Status))}</td><td data-label=\"{E(t["Col_Rep"])}\">{E(w.Rep ?? "—")}</td>" +
                    $"<td class=\"n\" data-label=\"{E(t["Today_Age"])}\">{ConsoleLayout.Duration(w.Age)}</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("</section>");
        return html.ToString();
    }

    private static string Figure(string id, string label, string value, string? note) =>
        $"<div class=\"figure\" id=\"{id}\"><span>{ConsoleLayout.E(label)}</span><b>{ConsoleLayout.E(value)}</b>" +
        (note is null ? "" : $"<span class=\"muted\">{ConsoleLayout.E(note)}</span>") + "</div>";
}
