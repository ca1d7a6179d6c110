using System.Globalization;
using System.Text;
using LeadIntake.Core.Kpis;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Kpis;

/// <summary>What the spend and visitors pages share: the CSV file form, reading the uploaded file, the outcome message.</summary>
internal static class ConsoleUpload
{
    public const string FileField = "file";

    /// <summary>The uploaded file as UTF-8 text (a byte order mark is dropped), or the 400 problem naming the field.</summary>
    public static async Task<ReadOutcome<string>> ReadTextAsync(IFormCollection form, long maxBytes, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0) return Problems.Field(StatusCodes.Status400BadRequest, "No file was sent.", FileField, "Choose a CSV file to import.");
        if (file.Length > maxBytes)
            return Problems.Field(StatusCodes.Status413PayloadTooLarge, "The file is too large.", FileField, $"At most {maxBytes / 1024} KiB per import.");
        using var stream = new MemoryStream();
        await file.CopyToAsync(stream, cancellationToken);
        try
        {
            return new UTF8Encoding(false, true).GetString(stream.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "The file is not valid UTF-8.", FileField, "Save the CSV file as UTF-8.");
        }
    }

    public static string ImportForm(HttpContext http, KpiTexts t, string action, string id, string help) =>
        $"<section><h2>{ConsoleLayout.E(t["ImportCsv"])}</h2><p class=\"muted\">{ConsoleLayout.E(help)}</p>" +
        $"<form class=\"filters\" method=\"post\" action=\"{ConsoleLayout.E(action)}\" enctype=\"multipart/form-data\" id=\"{id}\">{ConsoleAccess.TokenInput(http)}" +
        "<input type=\"hidden\" name=\"op\" value=\"import\">" +
        $"<div><label for=\"{id}-file\">{ConsoleLayout.E(t["CsvFile"])}</label><input id=\"{id}-file\" type=\"file\" name=\"{FileField}\" accept=\".csv,text/csv\" required></div>" +
        $"<div><button class=\"primary\" type=\"submit\" id=\"{id}-submit\">{ConsoleLayout.E(t["Import"])}</button></div></form></section>";

    /// <summary>The refused rows (line, field, reason), or "n line(s) saved" after the redirect.</summary>
    public static string Outcome(HttpContext http, KpiTexts t, IReadOnlyList<SpendRowError> refused)
    {
        if (refused.Count > 0)
        {
            var html = new StringBuilder("<section><p class=\"err\" role=\"alert\">")
                .Append(ConsoleLayout.E(t.Format("RefusedRows", refused.Select(e => e.Line).Distinct().Count()))).Append("</p><ul id=\"refused\">");
            foreach (var e in refused)
                html.Append(CultureInfo.InvariantCulture, $"<li data-line=\"{e.Line}\" data-field=\"{ConsoleLayout.E(e.Field)}\">{ConsoleLayout.E(t.Format("LineReason", e.Line, e.Field, e.Reason))}</li>");
            return html.Append("</ul></section>").ToString();
        }
        return int.TryParse(http.Request.Query["saved"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var saved)
            ? $"<section><p class=\"ok\" role=\"status\" id=\"saved\">{ConsoleLayout.E(t.Format("Saved", saved))}</p></section>"
            : "";
    }
}
