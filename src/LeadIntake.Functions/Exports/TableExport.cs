using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LeadIntake.Functions.Exports;

/// <summary>
/// Writes a table as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read accents) or as XLSX (one sheet per
/// table, through the Open XML SDK). Numbers stay numbers; text is protected against formula injection: a cell that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so a
/// spreadsheet shows it as text instead of running it (https://owasp.org/www-community/attacks/CSV_Injection).
/// </summary>
internal static class TableExport
{
    public const string CsvMediaType = "text/csv; charset=utf-8";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', headers.Select(h => Quote(Defuse(h)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(v => Quote(Text(v)))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] WriteXlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string sheetName = "Sheet1") =>
        WriteXlsx([new ExportSheet(sheetName, headers, [.. rows])]);

    public static byte[] WriteXlsx(IReadOnlyList<ExportSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetList = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row(sheet.Headers.Select(h => (object?)h)));
                foreach (var row in sheet.Rows) data.AppendChild(Row(row));
                part.Worksheet = new Worksheet(data);
                sheetList.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(sheet.Name, names) });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The text a cell shows, defused: a leading formula character gets a <c>'</c> in front.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => Defuse(s),
        IFormattable number when IsNumber(value) => number.ToString(null, CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static bool IsNumber(object value) => value is int or long or double or decimal or float;

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static Row Row(IEnumerable<object?> values)
    {
        var row = new Row();
        foreach (var value in values)
        {
            row.AppendChild(value is not null && IsNumber(value)
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(Text(value))) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        return row;
    }

    // XML 1.0 has no place for most control characters (a pasted bell or form feed): dropped rather than a broken file.
    private static string XmlSafe(string text) =>
        text.Any(c => c < ' ' && c is not '\t' and not '\n' and not '\r') ? new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')]) : text;

    // Excel refuses sheet names over 31 characters, with []:*?/\ or repeated (case-insensitively).
    private static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string([.. name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c)]);
        if (clean.Length == 0) clean = "Sheet";
        if (clean.Length > 31) clean = clean[..31];
        var unique = clean;
        for (int n = 2; !used.Add(unique); n++) unique = $"{clean[..Math.Min(clean.Length, 28)]}~{n.ToString(CultureInfo.InvariantCulture)}";
        return unique;
    }
}
