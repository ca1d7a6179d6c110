using System.Globalization;
using System.Text;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Qualification;
using static LeadIntake.Functions.Qualification.RepPages;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// The pages behind the links mailed to team mailboxes (review digest, routed requests), in the rep pages' look:
/// a GET shows what the POST will do; only the POST acts. Every value is HTML-encoded.
/// </summary>
internal static class MailboxPages
{
    public static RepPage Invalid() => Message(StatusCodes.Status403Forbidden, "This link is not valid",
        "The link is incomplete or was altered. Open it again from the original mail.");

    public static RepPage Expired() => Message(StatusCodes.Status410Gone, "This link has expired",
        "Links in LeadIntake mails are valid for a limited time. A lead still waiting for review is listed again in the next digest with fresh links.");

    public static RepPage NotFound() => Message(StatusCodes.Status404NotFound, "Lead not found", "There is no such lead, or the address is incomplete.");

    public static RepPage AlreadyUsed(RepAction action, Lead lead) => action == RepAction.ReturnToSales
        ? Page(StatusCodes.Status409Conflict, "Already sent to sales", Summary(lead) + "<p>This request was sent to sales already; a rep has it or will have it shortly.</p>")
        : Page(StatusCodes.Status409Conflict, "This link was already used", Summary(lead) + "<p>Each link in a LeadIntake mail works once. The lead's current status is shown above.</p>");

    public static RepPage Conflict(Lead lead, string reason) =>
        Page(StatusCodes.Status409Conflict, "This can't be done now", Summary(lead) + $"<p class=\"err\">{E(reason)}</p>");

    public static RepPage Done(Lead lead, string headline, string detail) =>
        Page(StatusCodes.Status200OK, headline, Summary(lead) + $"<p>{E(detail)}</p>");

    public static RepPage Confirm(RepAction action, Lead lead, string postUrl)
    {
        var (title, text, button) = action switch
        {
            RepAction.Release => ("Release this lead as genuine?", "It will be screened again without the spam verdict and go where its intent says (a sales lead goes to a rep).", "Release (genuine)"),
            RepAction.ConfirmSpam => ("Confirm this lead is spam?", "It stays in quarantine (an admin can still release it) and teaches screening.", "Confirm spam"),
            _ => ("Send this request to sales?", "It becomes a sales lead (MQL) and a rep is assigned and mailed. Screening learns from it.", "This is a sales lead"),
        };
        var body = new StringBuilder(Summary(lead));
        if (lead.Captured.Subject is { } subject) body.Append(CultureInfo.InvariantCulture, $"<p><b>Subject:</b> {E(subject)}</p>");
        if (Excerpt(lead.Captured.Message) is { } excerpt) body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(excerpt)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<p>{E(text)}</p><form method=\"post\" action=\"{E(postUrl)}\"><button type=\"submit\">{E(button)}</button></form>");
        return Page(StatusCodes.Status200OK, title, body.ToString());
    }

    private static string Summary(Lead lead)
    {
        var c = lead.Contact;
        var who = string.Join(" · ", new[] { c.Company, c.DisplayName, c.Email }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(E));
        return $"<p>{(who.Length > 0 ? who : E(lead.Id.Value))}</p><p>Status: <span class=\"status\" id=\"status\">{E(WireNames.Of(lead.Status))}</span></p>";
    }

    private static string? Excerpt(string? message)
    {
        var line = Core.Intake.TextSanitizer.SingleLine(message);
        if (string.IsNullOrEmpty(line)) return null;
        return line.Length <= 300 ? line : line[..299] + "…";
    }

    private static RepPage Message(int status, string title, string text) => Page(status, title, $"<p>{E(text)}</p>");
}
