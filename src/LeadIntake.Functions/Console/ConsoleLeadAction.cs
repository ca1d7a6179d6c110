using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Console;

/// <summary>
/// <c>GET/POST /api/console/leads/{id}/{action}</c> with action <c>release</c>, <c>reassign</c>, <c>spam</c> or
/// <c>nurture</c>: the GET shows what will happen and asks for confirmation (a form, with the rep to choose for a
/// reassignment); only the POST, with its antiforgery token, acts — then back to the lead page (303). A refusal
/// (the status no longer allows it, an unknown rep) is a 409 page with the reason.
/// </summary>
internal sealed class ConsoleLeadAction(ILeadStore store, ConsoleActions actions)
{
    [Function("ConsoleLeadAction")]
    public Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/leads/{id}/{action}")] HttpRequest request, string id, string action, CancellationToken cancellationToken) =>
        HandleAsync(id, action, request.HttpContext, store, actions, cancellationToken);

    public const int MaxReasonLength = 500;

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> HandleAsync(string id, string action, HttpContext http, ILeadStore store, ConsoleActions actions, CancellationToken cancellationToken)
    {
        if (ConsoleAccess.UserOf(http) is not { } user) return ConsoleAccess.ToSignIn(http);
        var t = ConsoleLanguage.Resolve(http);
        if (!WireNames.TryParse<ConsoleAction>(action, out var what) || !string.Equals(WireNames.Of(what), action, StringComparison.Ordinal)
            || !LeadId.TryParse(id, out var leadId) || await store.FindAsync(leadId, cancellationToken) is not { } stored)
        {
            return ConsoleLayout.Message(http, t, user, StatusCodes.Status404NotFound, t["Error_Title"], t["Error_NotFound"]);
        }
        if (HttpMethods.IsGet(http.Request.Method))
        {
            // Nothing to confirm when the status doesn't allow it: say so now rather than after the click.
            return ConsoleLeadPage.Allowed(stored.Lead).Contains(what)
                ? await ConfirmAsync(http, t, user, stored.Lead, what, actions, cancellationToken)
                : ConsoleLayout.Message(http, t, user, StatusCodes.Status409Conflict, t["Error_Title"],
                    t.Format("Action_NotDone", $"{t["Action_" + WireNames.Of(what)]} ≠ {t.Rep.Of(stored.Lead.Status)}"));
        }

        if (await ConsoleAccess.CheckFormAsync(http) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var reason = form["reason"].FirstOrDefault()?.Trim();
        if (reason is { Length: > MaxReasonLength }) reason = reason[..MaxReasonLength];
        var change = await actions.ApplyAsync(stored, what, user, string.IsNullOrEmpty(reason) ? null : reason, form["rep"].FirstOrDefault(), cancellationToken);
        return change switch
        {
            LeadChange.Rejected rejected => ConsoleLayout.Message(http, t, user, StatusCodes.Status409Conflict, t["Error_Title"], t.Format("Action_NotDone", rejected.Reason)),
            _ => TypedResults.Redirect($"/api/console/leads/{leadId.Value}?done={WireNames.Of(what)}"),
        };
    }

    private static async Task<Results<ConsolePage, RedirectHttpResult, ProblemHttpResult>> ConfirmAsync(HttpContext http, ConsoleTexts t, ConsoleUser user, Lead lead, ConsoleAction action, ConsoleActions actions, CancellationToken cancellationToken)
    {
        string E(string? v) => ConsoleLayout.E(v);
        var name = WireNames.Of(action);
        var body = new StringBuilder("<section>");
        body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/api/console/leads/{lead.Id.Value}\">{E(ConsoleLeadPage.Headline(lead))}</a> · <span class=\"status\" id=\"status\" data-status=\"{WireNames.Of(lead.Status)}\">{E(t.Rep.Of(lead.Status))}</span></p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(t["Action_" + name + "_Text"])}</p>")
            .Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/api/console/leads/{lead.Id.Value}/{name}\" id=\"confirm-form\">{ConsoleAccess.TokenInput(http)}");
        if (action == ConsoleAction.Reassign)
        {
            var reps = await actions.RepsAsync(cancellationToken);
            if (reps.Count == 0) return ConsoleLayout.Message(http, t, user, StatusCodes.Status409Conflict, t["Error_Title"], t["Action_NoDirectory"]);
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"rep\">{E(t["Action_RepChoice"])}</label><select id=\"rep\" name=\"rep\" required>");
            foreach (var rep in reps.Where(r => !string.Equals(r.Email, lead.Assignment?.RepEmail, StringComparison.OrdinalIgnoreCase)))
            {
                body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(rep.Email)}\">{E($"{rep.Name} <{rep.Email}>")}</option>");
            }
            body.Append("</select>");
        }
        else if (action is ConsoleAction.Release or ConsoleAction.Spam)
        {
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"reason\">{E(t["Action_Reason"])}</label><input id=\"reason\" name=\"reason\" maxlength=\"{MaxReasonLength}\">");
        }
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"actions\"><button class=\"primary{(action == ConsoleAction.Spam ? " danger" : "")}\" type=\"submit\" id=\"confirm\">{E(t.Format("Action_Confirm", t["Action_" + name]))}</button>")
            .Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" href=\"/api/console/leads/{lead.Id.Value}\">{E(t["Action_Cancel"])}</a></div></form></section>");
        return ConsoleLayout.Page(http, t, user, ConsoleNav.Leads, t["Action_" + name], body.ToString());
    }
}
