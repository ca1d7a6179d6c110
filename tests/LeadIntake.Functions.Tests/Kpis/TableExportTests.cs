using System.Text;
using LeadIntake.Functions.Exports;

namespace LeadIntake.Functions.Tests.Kpis;

public sealed class TableExportTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("google", "google")]
    [InlineData("", "")]
    public void Text_cells_that_start_like_a_formula_get_a_quote(string text, string expected) => Assert.Equal(expected, TableExport.Defuse(text));

    [Fact]
    public void Csv_quotes_separators_keeps_numbers_as_numbers_and_starts_with_a_bom()
    {
        var bytes = TableExport.WriteCsv(["a", "b", "c"], [["x,y", -0.25, "=HYPERLINK(\"z\")"]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("a,b,c\r\n\"x,y\",-0.25,\"'=HYPERLINK(\"\"z\"\")\"\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Xlsx_sheet_names_are_made_valid_and_unique()
    {
        var bytes = TableExport.WriteXlsx([new ExportSheet("a/b", ["h"], [["=x"]]), new ExportSheet("A/B", ["h"], [[1]])]);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(["a_b", "A_B~2"], names);
        var text = document.WorkbookPart.WorksheetParts.First().Worksheet.InnerText;
        Assert.Contains("'=x", text, StringComparison.Ordinal);
    }
}
