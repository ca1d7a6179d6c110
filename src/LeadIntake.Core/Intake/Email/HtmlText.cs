using System.Text;
using MimeKit.Text;

namespace LeadIntake.Core.Intake.Email;

/// <summary>
/// Plain text from an HTML-only email, through MimeKit's tokenizer (a real HTML tokenizer, no regex): text kept,
/// block elements become line breaks, script/style/head dropped, entities decoded.
/// </summary>
internal static class HtmlText
{
    public static string? ToPlain(string? html, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(html)) return null;
        var sb = new StringBuilder(Math.Min(html.Length, maxChars));
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        int hidden = 0;
        while (sb.Length < maxChars && tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    if (!tag.IsEmptyElement) hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br:
                    sb.Append('\n');
                    break;
                case HtmlTagToken tag when IsBlock(tag.Id):
                    if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0 && data is not HtmlScriptDataToken:
                    AppendCollapsed(sb, data.Data);
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool IsBlock(HtmlTagId id) => id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR
        or HtmlTagId.Table or HtmlTagId.BlockQuote or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4
        or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.HR or HtmlTagId.Pre;

    // HTML collapses runs of white space; line breaks only come from tags.
    private static void AppendCollapsed(StringBuilder sb, string text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] is not (' ' or '\n')) sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }
    }
}
