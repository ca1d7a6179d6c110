using System.IO.Compression;
using System.Security;
using System.Text;

namespace LeadIntake.Functions.Exports;

/// <summary>
/// Writes a table (headers, rows of text) as CSV or XLSX. Every cell that a spreadsheet would read as a formula —
/// starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return — gets a leading apostrophe, so
/// a lead who typed <c>=HYPERLINK(…)</c> in a form can't run anything on the lead manager's machine
/// (OWASP, "CSV Injection"). The XLSX is a minimal SpreadsheetML package written here: inline strings only, one sheet.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The cell as a spreadsheet may show it: formula triggers neutralised with a leading apostrophe.</summary>
    public static string Neutralise(string? cell)
    {
        if (string.IsNullOrEmpty(cell)) return "";
        return cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }

    /// <summary>RFC 4180 CSV in UTF-8 with a byte order mark (Excel then reads accents right), CRLF line ends.</summary>
    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder(CsvLine(headers));
        foreach (var row in rows) text.Append(CsvLine(row));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>An XLSX workbook with one sheet: the header row, then the rows, every cell an inline string.</summary>
    public static byte[] WriteXlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string sheetName = "Leads")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "</Types>");
            Entry(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>");
            Entry(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                $"<sheets><sheet name=\"{SecurityElement.Escape(sheetName)}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "</Relationships>");
            var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            int index = 1;
            AppendRow(sheet, index++, headers);
            foreach (var row in rows) AppendRow(sheet, index++, row);
            sheet.Append("</sheetData></worksheet>");
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return buffer.ToArray();
    }

    private static string CsvLine(IEnumerable<string?> cells) =>
        string.Join(",", cells.Select(c => Quote(Neutralise(c)))) + "\r\n";

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static void AppendRow(StringBuilder sheet, int index, IEnumerable<string?> cells)
    {
        sheet.Append("<row r=\"").Append(index).Append("\">");
        foreach (var cell in cells)
        {
            // Characters XML 1.0 can't hold (control characters other than tab, LF, CR) are dropped, not escaped.
            var text = new string(Neutralise(cell).Where(XmlAllowed).ToArray());
            sheet.Append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").Append(text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)).Append("</t></is></c>");
        }
        sheet.Append("</row>");
    }

    private static bool XmlAllowed(char c) => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');

    private static void Entry(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        stream.Write(bytes);
    }
}
