using System.Globalization;
using System.Net;
using System.Text;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Intake;

namespace LeadIntake.Core.Mail;

/// <summary>
/// The encoding rules the dispatch mails share: every value from a lead is HTML-encoded in the HTML part, a subject is
/// one line, and <c>tel:</c>/<c>mailto:</c> targets carry nothing that could add headers or break out of the attribute.
/// </summary>
internal static class MailMarkup
{
    public static string Enc(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    /// <summary>One line, no control characters, at most 200 characters (lock screens show ~60 anyway).</summary>
    public static string Subject(string value)
    {
        var single = Mail.MailHeaderText.SingleLine(value);
        return single.Length <= 200 ? single : single[..199] + "…";
    }

    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    public static string Time(DateTimeOffset time, TimeZoneInfo zone, MailWording wording) =>
        Localization.ZoneAbbreviations.Format(time, zone, wording.DateTimeFormat, CultureInfo.GetCultureInfo(wording.Code));

    /// <summary>
    /// The phone as the reader dials it: national format for a French-language reader's French numbers
    /// (<c>03 29 55 12 40</c>), international format otherwise (<c>+33 3 29 55 12 40</c>).
    /// </summary>
    public static string ReadablePhone(string phone, MailWording wording) =>
        Contacts.PhoneNormaliser.Display(phone, wording.Code == "fr" ? "FR" : null);

    /// <summary>Digits and a leading '+' only: a tel: link must dial the number and nothing else.</summary>
    public static string TelHref(string phone)
    {
        var sb = new StringBuilder("tel:");
        foreach (char c in phone)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && sb.Length == 4)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The address percent-encoded (keeping '@'), so '?' or '&amp;' in a hostile address can't add a cc or a body.</summary>
    public static string MailtoHref(string email) =>
        "mailto:" + Uri.EscapeDataString(email).Replace("%40", "@", StringComparison.Ordinal);

    public static string Button(string href, string label, string colour) =>
        $"<a href=\"{Enc(href)}\" style=\"display:inline-block;padding:10px 16px;margin:4px 6px 4px 0;border-radius:6px;background:{colour};color:#fff;text-decoration:none;font-weight:bold\">{Enc(label)}</a>";

    /// <summary>A titled table of the rows that have a value; a row with a link (tel:, mailto:) shows its value as the link.</summary>
    public static void AppendLinkedRows(StringBuilder html, string title, IEnumerable<(string Label, string? Value, string? Href)> rows)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Enc(title)}</h3><table cellpadding=\"4\">");
        foreach (var (label, value, href) in rows.Where(r => r.Value is not null))
        {
            var cell = href is null ? Enc(value) : $"<a href=\"{Enc(href)}\">{Enc(value)}</a>";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{Enc(label)}</th><td>{cell}</td></tr>");
        }
        html.Append("</table>");
    }
}
