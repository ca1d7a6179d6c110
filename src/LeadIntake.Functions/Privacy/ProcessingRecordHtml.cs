using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;
using static LeadIntake.Functions.Privacy.PrivacyHtml;

namespace LeadIntake.Functions.Privacy;

/// <summary>The record of processing as a readable page.</summary>
internal static class ProcessingRecordHtml
{
    public static PrivacyHtmlPage Render(ProcessingRecord record)
    {
        var html = Start("Record of processing activities (GDPR Art. 30)");
        Rows(html, [("Processing", record.Activity), ("Data residency", record.DataResidency), ("Generated", Time(record.GeneratedAt))]);
        if (record.Warnings.Count > 0)
        {
            html.Append("<h2>Warnings</h2>");
            List(html, record.Warnings);
        }
        html.Append("<h2>Purposes and lawful bases</h2>");
        Table(html, ["Purpose", "Description", "Lawful basis", "Article", "Opt-out"],
            record.Purposes.Select(p => (IReadOnlyList<string?>)[p.Id, p.Description, WireNames.Of(p.Basis), p.Article, p.OptOut ? "yes" : "no"]));
        html.Append("<h2>Data subjects</h2>");
        List(html, record.DataSubjects);
        html.Append("<h2>Categories of personal data</h2>");
        List(html, record.DataCategories);
        html.Append("<h2>Recipients</h2>");
        List(html, record.Recipients);
        html.Append("<h2>Processors</h2>");
        Table(html, ["Processor", "Role", "Region", "Inside the EU"],
            record.Processors.Select(p => (IReadOnlyList<string?>)[p.Name, p.Role, p.Region, p.InsideEu switch { true => "yes", false => "no", null => "unknown" }]));
        html.Append("<h2>Transfers outside the EU</h2>");
        if (record.Transfers.Count == 0) html.Append("<p>None.</p>");
        else Table(html, ["Processor", "Region", "Safeguard"], record.Transfers.Select(t => (IReadOnlyList<string?>)[t.Processor, t.Region, t.Safeguard]));
        html.Append("<h2>Retention periods</h2>");
        Table(html, ["Data", "Kept for", "Source"],
            record.Retention.Select(r => (IReadOnlyList<string?>)[r.Class, r.Days is { } d ? d.ToString(CultureInfo.InvariantCulture) + " days" : "until handed over", r.Source]));
        html.Append("<h2>Security measures</h2>");
        List(html, record.SecurityMeasures);
        return new PrivacyHtmlPage(End(html));
    }
}
