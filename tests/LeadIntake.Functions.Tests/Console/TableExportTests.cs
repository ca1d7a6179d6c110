using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using LeadIntake.Functions.Exports;

namespace LeadIntake.Functions.Tests.Console;

public sealed class TableExportTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 6 12 34 56 78", "'+33 6 12 34 56 78")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Fonderie = best", "Fonderie = best")]
    [InlineData("", "")]
    public void A_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_apostrophe(string cell, string expected) =>
        Assert.Equal(expected, TableExport.Defuse(cell));

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks_and_starts_with_a_byte_order_mark()
    {
        var bytes = TableExport.WriteCsv(["a", "b"], [["x,y", "say \"hi\"\nbye"], [null, "=cmd|' /C calc'!A0"]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("a,b\r\n\"x,y\",\"say \"\"hi\"\"\nbye\"\r\n,'=cmd|' /C calc'!A0\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Xlsx_is_a_package_with_one_sheet_of_inline_strings_and_no_formula()
    {
        var bytes = TableExport.WriteXlsx(["name", "note"], [["Émilie <Durand>", "=HYPERLINK(\"x\")"], ["bell\u0007", null]]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var reader = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Open());
        var sheet = XDocument.Parse(reader.ReadToEnd());
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cells = sheet.Descendants(ns + "t").Select(t => t.Value).ToList();
        Assert.Equal(["name", "note", "Émilie <Durand>", "'=HYPERLINK(\"x\")", "bell", ""], cells);
        Assert.Empty(sheet.Descendants(ns + "f"));
    }
}
