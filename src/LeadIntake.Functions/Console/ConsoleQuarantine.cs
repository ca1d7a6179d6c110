using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET/POST /api/console/quarantine</c>: the leads in <c>spam</c> and in <c>review</c> captured within
/// <c>Console:DefaultPeriod</c>, newest first, each with its screening reasons and a checkbox. The form releases the
/// checked leads, or confirms them as spam (leads held for review; a lead screening already quarantined has nothing
/// to confirm). Each one goes through the same service as the lead page's actions, with the signed-in user as the
/// actor; the confirmation is a training example for screening. Then 303 back here with the counts.
/// </summary>
internal sealed class ConsoleQuarantine(ILeadStore store, ConsoleActions actions, IOptionsMonitor<ConsoleOptions> options, TimeProvider time)
{
    [Function("ConsoleQuarantine")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/quarantine")] HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request.HttpContext, store, actions, options, time, cancellationToken);

    public const int MaxShown = 500;
    public const int MaxPerPost = 200;

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, ILeadStore store, ConsoleActions actions, IOptionsMonitor<ConsoleOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var t = ConsoleLanguage.Resolve(http);
        if (HttpMethods.IsPost(http.Request.Method)) return await ActAsync(http, t, user, store, actions, cancellationToken);

        var now = time.GetUtcNow();
        var period = options.CurrentValue.DefaultPeriod;
        var held = new List<Lead>();
        foreach (var status in new[] { LeadStatus.Review, LeadStatus.Spam })
        {
            await foreach (var stored in store.FindInStatusAsync(status, now - period, now.AddSeconds(1), cancellationToken))
            {
                held.Add(stored.Lead);
            }
        }
        var leads = held.OrderByDescending(l => l.Id.Value, StringComparer.Ordinal).Take(MaxShown).ToList();
        return ConsoleLayout.Page(http, t, user, ConsoleNav.Quarantine, t["Quarantine_Title"], Body(http, t, leads, options.CurrentValue.Zone(), period));
    }

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> ActAsync(HttpContext http, ConsoleTexts t, ConsoleUser user, ILeadStore store, ConsoleActions actions, CancellationToken cancellationToken)
    {
        if (await ConsoleAccess.CheckFormAsync(http) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var action = form["op"].FirstOrDefault() switch
        {
            "release" => ConsoleAction.Release,
            "spam" => ConsoleAction.Spam,
            _ => (ConsoleAction?)null,
        };
        if (action is null) return Problems.Field(StatusCodes.Status400BadRequest, "Unknown quarantine action.", "op", "Use 'release' or 'spam'.");
        var ids = form["id"].Where(v => v is not null).Distinct(StringComparer.Ordinal).Take(MaxPerPost + 1).ToList();
        if (ids.Count == 0) return TypedResults.Redirect("/api/console/quarantine?none=1");
        if (ids.Count > MaxPerPost) return Problems.Field(StatusCodes.Status400BadRequest, "Too many leads at once.", "id", $"At most {MaxPerPost} leads per submission.");
        int done = 0, failed = 0;
        foreach (var text in ids)
        {
            if (!LeadId.TryParse(text, out var id) || await store.FindAsync(id, cancellationToken) is not { } stored) { failed++; continue; }
            var change = await actions.ApplyAsync(stored, action.Value, user, null, null, cancellationToken);
            if (change is LeadChange.Rejected) failed++;
            else done++;
        }
        return TypedResults.Redirect(string.Create(CultureInfo.InvariantCulture, $"/api/console/quarantine?done={done}&refused={failed}"));
    }

    private static string Body(HttpContext http, ConsoleTexts t, IReadOnlyList<Lead> leads, TimeZoneInfo zone, TimeSpan period)
    {
        string E(string? v) => ConsoleLayout.E(v);
        var html = new StringBuilder();
        var query = http.Request.Query;
        if (query["done"].FirstOrDefault() is { } done && query["refused"].FirstOrDefault() is { } refusedCount
            && int.TryParse(done, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && int.TryParse(refusedCount, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><p class=\"{(r == 0 ? "ok" : "err")}\" id=\"result\" role=\"status\">{E(t.Format("Quarantine_Result", d, r))}</p></section>");
        }
        else if (query.ContainsKey("none"))
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><p class=\"err\" id=\"result\" role=\"status\">{E(t["Quarantine_NoneSelected"])}</p></section>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t.Format("Quarantine_Help", (int)period.TotalDays))}</p>");
        if (leads.Count == 0)
        {
            return html.Append(CultureInfo.InvariantCulture, $"<section><p id=\"quarantine-empty\">{E(t["Quarantine_None"])}</p></section>").ToString();
        }
        html.Append(CultureInfo.InvariantCulture, $"<section><form method=\"post\" action=\"/api/console/quarantine\" id=\"quarantine-form\">{ConsoleAccess.TokenInput(http)}")
            .Append(CultureInfo.InvariantCulture, $"<table class=\"cards\" id=\"quarantine\"><thead><tr><th>{E(t["Col_Select"])}</th><th>{E(t["Col_Captured"])}</th><th>{E(t["Col_Lead"])}</th>")
            .Append(CultureInfo.InvariantCulture, $"<th>{E(t["Col_Status"])}</th><th>{E(t["Col_Reasons"])}</th></tr></thead><tbody>");
        foreach (var lead in leads)
        {
            var id = lead.Id.Value;
            var reasons = lead.Screening?.Reasons ?? [];
            html.Append(CultureInfo.InvariantCulture, $"<tr data-id=\"{id}\" data-status=\"{WireNames.Of(lead.Status)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Col_Select"])}\"><input type=\"checkbox\" name=\"id\" value=\"{id}\" id=\"pick-{id}\" aria-label=\"{E(ConsoleLeadPage.Headline(lead))}\"></td>")
                .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Col_Captured"])}\">{ConsoleLayout.Time(lead.CapturedAt, zone)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Col_Lead"])}\"><a href=\"/api/console/leads/{id}\">{E(ConsoleLeadPage.Headline(lead))}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Col_Status"])}\"><span class=\"status\">{E(t.Rep.Of(lead.Status))}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td data-label=\"{E(t["Col_Reasons"])}\">{E(string.Join("; ", reasons))}</td></tr>");
        }
        html.Append("</tbody></table><div class=\"actions\">")
            .Append(CultureInfo.InvariantCulture, $"<button class=\"primary\" type=\"submit\" name=\"op\" value=\"release\" id=\"release-selected\">{E(t["Quarantine_Release"])}</button>")
            .Append(CultureInfo.InvariantCulture, $"<button class=\"primary danger\" type=\"submit\" name=\"op\" value=\"spam\" id=\"spam-selected\">{E(t["Quarantine_ConfirmSpam"])}</button>")
            .Append("</div></form></section>");
        return html.ToString();
    }
}
