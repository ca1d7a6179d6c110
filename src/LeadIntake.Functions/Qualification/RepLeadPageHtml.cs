using System.Globalization;
using System.Text;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;
using static LeadIntake.Functions.Qualification.RepPages;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The rep's lead page: who to call (click-to-call, click-to-mail), what they asked, where they came from, the BANT
/// answers so far, the timeline, and the actions valid now. Read-only: each action is its own signed page.
/// </summary>
public static class RepLeadPageHtml
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <param name="readerRegion">The reader's country (ISO 3166): their own numbers show in national format.</param>
    public static RepPage Render(
        Lead lead, IReadOnlyList<LeadEvent> events, IReadOnlyList<(string Label, string Href)> next, TimeZoneInfo zone, string? readerRegion)
    {
        var c = lead.Contact;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>Status: <span class=\"status\" id=\"status\">{E(WireNames.Of(lead.Status))}</span></p>");

        Section(body, "contact", "Contact",
        [
            ("Name", E(c.DisplayName)),
            ("Phone", c.Phone is null ? null : $"<a href=\"{E(TelHref(c.Phone))}\">{E(PhoneNormaliser.Display(c.Phone, readerRegion))}</a>"),
            ("Email", c.Email is null ? null : $"<a href=\"{E(MailtoHref(c.Email))}\">{E(c.Email)}</a>"),
            ("Company", E(c.Company)),
            ("Job title", E(c.JobTitle)),
            ("Country", E(c.Country)),
        ]);

        if (next.Count > 0)
        {
            body.Append("<h2>What you can do now</h2><ul class=\"next\" id=\"actions\">");
            foreach (var (label, href) in next) body.Append(CultureInfo.InvariantCulture, $"<li><a class=\"btn\" href=\"{E(href)}\">{E(label)}</a></li>");
            body.Append("</ul>");
        }

        body.Append("<h2>Message</h2>");
        if (lead.Captured.Subject is { } subject) body.Append(CultureInfo.InvariantCulture, $"<p><b>Subject:</b> {E(subject)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"msg\" id=\"message\">{E(lead.Captured.Message ?? "(no message)")}</p>");

        var bant = lead.Bant;
        Section(body, "bant", "Qualification (BANT)",
        [
            ("Budget", E(Budget(bant?.Budget)) is { Length: > 0 } b ? b : "not known yet"),
            ("Authority", bant?.Authority is { IsKnown: true } a ? E(Words(WireNames.Of(a.Level)) + (a.Role is null ? "" : $" ({a.Role})")) : "not known yet"),
            ("Need", bant?.Need is { Length: > 0 } need ? E(need) : "not known yet"),
            ("Timing", Timing(bant?.Timing) is { } t ? E(t) : "not known yet"),
        ]);

        var outcome = new List<(string, string?)>
        {
            ("Disqualified", lead.Disqualification is { } d ? E(Words(WireNames.Of(d.Reason)) + (d.Note is null ? "" : $": {d.Note}")) : null),
            ("Won", lead.Status == LeadStatus.Won ? E(lead.WonAmount is { } won ? $"{won.Amount.ToString("#,0.##", English)} {won.Currency}" : "amount not given") : null),
            ("Lost", lead.LostReason is { } lost ? E(Words(WireNames.Of(lost)) + (lead.LostToCompetitor is { } rival ? $" (to {rival})" : "")) : null),
            ("Nurture", lead.Status == LeadStatus.Nurture && lead.NurtureReason is { } nurture ? E(Words(WireNames.Of(nurture))) : null),
        };
        if (outcome.Any(o => o.Item2 is not null)) Section(body, "outcome", "Outcome", outcome);

        var s = lead.Captured.Source;
        Section(body, "source", "Source",
        [
            ("Channel", E($"{Words(WireNames.Of(lead.Channel))} / {lead.Provider}")),
            ("Campaign", E(string.Join(", ", new[] { s.UtmSource, s.UtmMedium, s.UtmCampaign }.Where(v => !string.IsNullOrWhiteSpace(v)))) is { Length: > 0 } utm ? utm : null),
            ("Page", E(s.PageUrl) is { Length: > 0 } page ? page : null),
            ("Captured", E(Time(lead.CapturedAt, zone))),
        ]);

        body.Append("<h2>Timeline</h2><ol class=\"timeline\" id=\"timeline\">");
        foreach (var e in events.OrderBy(e => e.At))
        {
            body.Append(CultureInfo.InvariantCulture, $"<li><span class=\"muted\">{E(Time(e.At, zone))}</span><br>{E(Sentence(e.Type))} <span class=\"muted\">· {E(Actor(lead, e.Actor))}</span></li>");
        }
        body.Append("</ol>");
        return Page(StatusCodes.Status200OK, Headline(lead), body.ToString());
    }

    /// <summary>The page a revoked link shows: who has the lead now, nothing about the lead itself.</summary>
    public static RepPage Reassigned(Lead lead) => Page(StatusCodes.Status410Gone, "This lead was reassigned",
        $"<p id=\"reassigned\">This lead was reassigned to {E(lead.Assignment?.RepName ?? lead.Assignment?.RepEmail ?? "another rep")}. There is nothing left for you to do on it.</p>");

    public static RepPage Outdated() => Page(StatusCodes.Status410Gone, "This link is out of date",
        "<p>This lead was assigned to you again since this mail was sent. Open it from the most recent mail about it.</p>");

    /// <summary>Company and name, else whatever identifies the contact; never the lead's raw id.</summary>
    public static string Headline(Lead lead)
    {
        var c = lead.Contact;
        var parts = new[] { c.Company, c.DisplayName }.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (parts.Count > 0) return string.Join(" · ", parts);
        return c.Email ?? c.Phone ?? $"Lead from the {Words(WireNames.Of(lead.Channel))}";
    }

    internal static string Time(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local.ToString("ddd d MMM yyyy HH:mm", English)} (UTC{sign}{offset:hh\\:mm})";
    }

    private static void Section(StringBuilder body, string id, string title, IEnumerable<(string Label, string? Html)> rows)
    {
        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2><dl class=\"facts\" id=\"{id}\">");
        foreach (var (label, html) in rows.Where(r => !string.IsNullOrEmpty(r.Html)))
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>{E(label)}</dt><dd>{html}</dd>");
        }
        body.Append("</dl>");
    }

    private static string? Budget(BudgetAnswer? budget)
    {
        if (budget is not { IsKnown: true }) return null;
        string Amount(decimal value) => value.ToString("#,0.##", English);
        if (budget.Amount is { } amount) return $"{Amount(amount)} {budget.Currency}";
        if (budget.Minimum is { } min && budget.Maximum is { } max) return $"{Amount(min)} to {Amount(max)} {budget.Currency}";
        return budget.Minimum is { } from ? $"from {Amount(from)} {budget.Currency}" : $"up to {Amount(budget.Maximum!.Value)} {budget.Currency}";
    }

    private static string? Timing(TimingAnswer? timing) => timing switch
    {
        { ExpectedBy: { } by } => $"by {by.ToString("d MMMM yyyy", English)}",
        { Horizon: { } horizon } => Words(WireNames.Of(horizon)),
        _ => null,
    };

    // The current owner by name; anyone else as recorded (a previous rep's email, or a stage such as "dispatch").
    private static string Actor(Lead lead, string actor) =>
        lead.Assignment is { } owner && string.Equals(owner.RepEmail, actor, StringComparison.OrdinalIgnoreCase) ? owner.RepName ?? actor : actor;

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
