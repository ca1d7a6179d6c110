using LeadIntake.Core.Kpis;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class VisitorsCsvParserTests
{
    [Fact]
    public void Rows_are_read_in_any_column_order_and_blank_lines_are_skipped()
    {
        var (rows, errors) = VisitorsCsvParser.Parse("visitors,month\r\n48210,2026-11\r\n\r\n39000,2026-10\r\n");
        Assert.Empty(errors);
        Assert.Equal([(new KpiMonth(2026, 11), 48210L), (new KpiMonth(2026, 10), 39000L)], rows);
    }

    [Fact]
    public void Every_refused_row_is_named_with_its_line_and_field_and_a_repeated_month_is_refused()
    {
        var (_, errors) = VisitorsCsvParser.Parse("month,visitors\n2026-13,10\n2026-11,-4\n2026-11,1.5\n2026-10,7\n2026-10,8\n2026-09,1000000000001\n");
        Assert.Equal([(2, "month"), (3, "visitors"), (4, "visitors"), (6, "month"), (7, "visitors")], errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void A_file_without_the_month_or_visitors_column_is_refused_on_its_header()
    {
        var (rows, errors) = VisitorsCsvParser.Parse("month,count\n2026-11,10\n");
        Assert.Empty(rows);
        Assert.Equal((1, "header"), errors.Select(e => (e.Line, e.Field)).Single());
        Assert.Equal((1, "header"), VisitorsCsvParser.Parse("").Errors.Select(e => (e.Line, e.Field)).Single());
    }
}
