using System.Globalization;
using System.Text;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using static LeadIntake.Functions.Qualification.RepPages;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The rep's lead page: who to call (click-to-call, click-to-mail), what they asked, where they came from, the BANT
/// answers so far, the timeline, and the actions valid now. Read-only: each action is its own signed page.
/// </summary>
internal static class RepLeadPageHtml
{
    /// <param name="readerRegion">The reader's country (ISO 3166): their own numbers show in national format.</param>
    public static RepPage Render(
        RepTexts t, Lead lead, IReadOnlyList<LeadEvent> events, IReadOnlyList<(string Label, string Href)> next, TimeZoneInfo zone, string? readerRegion)
    {
        var c = lead.Contact;
        var body = new StringBuilder(StatusLine(t, lead));
        var notKnown = E(t["Lead_NotKnown"]);

        Section(body, "contact", t["Mail_Contact"],
        [
            (t["Mail_Name"], E(c.DisplayName)),
            (t["Mail_Phone"], c.Phone is null ? null : $"<a href=\"{E(TelHref(c.Phone))}\">{E(PhoneNormaliser.Display(c.Phone, readerRegion))}</a>"),
            (t["Mail_Email"], c.Email is null ? null : $"<a href=\"{E(MailtoHref(c.Email))}\">{E(c.Email)}</a>"),
            (t["Mail_Company"], E(c.Company)),
            (t["Mail_JobTitle"], E(c.JobTitle)),
            (t["Mail_Country"], E(c.Country)),
        ]);

        if (next.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<h2>{E(t["Lead_ActionsNow"])}</h2><ul class=\"next\" id=\"actions\">");
            foreach (var (label, href) in next) body.Append(CultureInfo.InvariantCulture, $"<li><a class=\"btn\" href=\"{E(href)}\">{E(label)}</a></li>");
            body.Append("</ul>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(t["Mail_Message"])}</h2>");
        if (lead.Captured.Subject is { } subject) body.Append(CultureInfo.InvariantCulture, $"<p><b>{E(t["Mail_Subject"])}{E(t["Form_ErrorSeparator"])}</b>{E(subject)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"msg\" id=\"message\">{E(lead.Captured.Message ?? t["Mail_NoMessage"])}</p>");

        var bant = lead.Bant;
        Section(body, "bant", t["Lead_Bant"],
        [
            (t["Bant_budget"], E(Budget(t, bant?.Budget)) is { Length: > 0 } b ? b : notKnown),
            (t["Bant_authority"], bant?.Authority is { IsKnown: true } a ? E(t.Of(a.Level) + (a.Role is null ? "" : $" ({a.Role})")) : notKnown),
            (t["Bant_need"], bant?.Need is { Length: > 0 } need ? E(need) : notKnown),
            (t["Bant_timing"], Timing(t, bant?.Timing) is { } timing ? E(timing) : notKnown),
        ]);

        var outcome = new List<(string, string?)>
        {
            (t["Lead_Disqualified"], lead.Disqualification is { } d ? E(t.Of(d.Reason) + (d.Note is null ? "" : $": {d.Note}")) : null),
            (t["Lead_Won"], lead.Status == LeadStatus.Won ? E(lead.WonAmount is { } won ? Money(t, won.Amount, won.Currency) : t["Lead_AmountNotGiven"]) : null),
            (t["Lead_Lost"], lead.LostReason is { } lost ? E(t.Of(lost) + (lead.LostToCompetitor is { } rival ? " " + t.Format("Lead_LostTo", rival) : "")) : null),
            (t["Lead_Nurture"], lead.Status == LeadStatus.Nurture && lead.NurtureReason is { } nurture ? E(t.Of(nurture)) : null),
        };
        if (outcome.Any(o => o.Item2 is not null)) Section(body, "outcome", t["Lead_Outcome"], outcome);

        var s = lead.Captured.Source;
        Section(body, "source", t["Mail_Source"],
        [
            (t["Mail_Channel"], E($"{t.Of(lead.Channel)} / {lead.Provider}")),
            (t["Lead_Campaign"], E(string.Join(", ", new[] { s.UtmSource, s.UtmMedium, s.UtmCampaign }.Where(v => !string.IsNullOrWhiteSpace(v)))) is { Length: > 0 } utm ? utm : null),
            (t["Mail_Page"], E(s.PageUrl) is { Length: > 0 } page ? page : null),
            (t["Mail_Captured"], E(Time(t, lead.CapturedAt, zone))),
        ]);

        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(t["Lead_Timeline"])}</h2><ol class=\"timeline\" id=\"timeline\">");
        foreach (var e in events.OrderBy(e => e.At))
        {
            var what = t.Find("Event_" + WireNames.Of(e.Type)) ?? Sentence(WireNames.Of(e.Type));
            body.Append(CultureInfo.InvariantCulture, $"<li><span class=\"muted\">{E(Time(t, e.At, zone))}</span><br>{E(what)} <span class=\"muted\">· {E(Actor(t, lead, e.Actor))}</span></li>");
        }
        body.Append("</ol>");
        return Page(t, StatusCodes.Status200OK, Headline(t, lead), body.ToString());
    }

    /// <summary>The page a revoked link shows: who has the lead now, nothing about the lead itself.</summary>
    public static RepPage Reassigned(RepTexts t, Lead lead) => Page(t, StatusCodes.Status410Gone, t["Lead_Reassigned_Title"],
        $"<p id=\"reassigned\">{E(t.Format("Lead_Reassigned_Text", lead.Assignment?.RepName ?? lead.Assignment?.RepEmail ?? t["Lead_AnotherRep"]))}</p>");

    public static RepPage Outdated(RepTexts t) => Page(t, StatusCodes.Status410Gone, t["Lead_Outdated_Title"], $"<p>{E(t["Lead_Outdated_Text"])}</p>");

    /// <summary>Company and name, else whatever identifies the contact; never the lead's raw id.</summary>
    public static string Headline(RepTexts t, Lead lead)
    {
        var c = lead.Contact;
        var parts = new[] { c.Company, c.DisplayName }.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (parts.Count > 0) return string.Join(" · ", parts);
        return c.Email ?? c.Phone ?? t.Format("Lead_FromChannel", t.Of(lead.Channel));
    }

    /// <summary>A local time in the reader's words with the zone's abbreviation (<see cref="ZoneAbbreviations"/>).</summary>
    internal static string Time(RepTexts t, DateTimeOffset at, TimeZoneInfo zone) => ZoneAbbreviations.Format(at, zone, t["Mail_DateTimeFormat"], t.Culture);

    internal static string Money(RepTexts t, decimal amount, string currency) => $"{amount.ToString("#,0.##", t.Culture)} {currency}";

    private static void Section(StringBuilder body, string id, string title, IEnumerable<(string Label, string? Html)> rows)
    {
        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2><dl class=\"facts\" id=\"{id}\">");
        foreach (var (label, html) in rows.Where(r => !string.IsNullOrEmpty(r.Html)))
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>{E(label)}</dt><dd>{html}</dd>");
        }
        body.Append("</dl>");
    }

    private static string? Budget(RepTexts t, BudgetAnswer? budget)
    {
        if (budget is not { IsKnown: true }) return null;
        string Amount(decimal value) => value.ToString("#,0.##", t.Culture);
        if (budget.Amount is { } amount) return $"{Amount(amount)} {budget.Currency}";
        if (budget.Minimum is { } min && budget.Maximum is { } max) return t.Format("Budget_Range", Amount(min), Amount(max), budget.Currency);
        return budget.Minimum is { } from ? t.Format("Budget_From", Amount(from), budget.Currency) : t.Format("Budget_UpTo", Amount(budget.Maximum!.Value), budget.Currency);
    }

    private static string? Timing(RepTexts t, TimingAnswer? timing) => timing switch
    {
        { ExpectedBy: { } by } => t.Format("Timing_By", by.ToString(t["Stale_DateFormat"], t.Culture)),
        { Horizon: { } horizon } => t.Of(horizon),
        _ => null,
    };

    // The current owner by name; anyone else as recorded (a previous rep's email, or a stage such as "dispatch").
    private static string Actor(RepTexts t, Lead lead, string actor) =>
        lead.Assignment is { } owner && string.Equals(owner.RepEmail, actor, StringComparison.OrdinalIgnoreCase) ? owner.RepName ?? actor
        : t.Find("Actor_" + actor) ?? actor;

    private static string Sentence(string wire) => wire.Length == 0 ? wire : char.ToUpperInvariant(wire[0]) + Words(wire[1..]);

    private static string Words(string wire) => wire.Replace('_', ' ');

    // Digits and a leading '+' only, so the link dials the number and nothing else.
    private static string TelHref(string phone)
    {
        var sb = new StringBuilder("tel:");
        foreach (char ch in phone)
        {
            if (char.IsAsciiDigit(ch) || (ch == '+' && sb.Length == 4)) sb.Append(ch);
        }
        return sb.ToString();
    }

    // Percent-encoded but for '@': a '?' in a hostile address can't add a cc or a body.
    private static string MailtoHref(string email) => "mailto:" + Uri.EscapeDataString(email).Replace("%40", "@", StringComparison.Ordinal);
}
