using LeadIntake.Core.Kpis;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Kpis;

public sealed class SpendLedgerParserTests
{
    [Fact]
    public void Good_rows_are_read_with_normalised_source_and_campaign()
    {
        var (lines, errors) = SpendLedgerParser.ParseCsv("month,channel,source,campaign,kind,amount,currency\n2026-11,form,Google,\"Winter, FR\",lead-generation,1250.50,EUR\n", "EUR");
        Assert.Empty(errors);
        var line = Assert.Single(lines);
        Assert.Equal((new KpiMonth(2026, 11), Channel.Form, "google", "winter, fr", SpendKind.LeadGeneration, 1250.50m), (line.Month, line.Channel, line.Source, line.Campaign, line.Kind, line.Amount));
    }

    [Fact]
    public void Every_rejected_row_is_named_with_its_line_and_reason()
    {
        var csv = "month,channel,source,campaign,kind,amount,currency\n" +
                  "2026-13,form,google,,lead-generation,10,EUR\n" +
                  "2026-11,fax,google,,lead-generation,10,EUR\n" +
                  "2026-11,form,google,,branding,10,EUR\n" +
                  "2026-11,form,google,,conversion,1.234,EUR\n" +
                  "2026-11,form,google,,conversion,10,USD\n" +
                  "2026-11,form,google,,conversion\n";
        var (_, errors) = SpendLedgerParser.ParseCsv(csv, "EUR");
        Assert.Equal([(2, "month"), (3, "channel"), (4, "kind"), (5, "amount"), (6, "currency"), (7, "row")], errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void A_quoted_line_break_keeps_the_line_numbers_of_the_file()
    {
        var csv = "month,channel,source,campaign,kind,amount\n2026-11,form,google,\"two\nlines\",conversion,10\n2026-11,form,google,,conversion,-5\n";
        var (_, errors) = SpendLedgerParser.ParseCsv(csv, "EUR");
        Assert.Equal(4, Assert.Single(errors).Line);
    }

    [Fact]
    public void A_row_repeating_an_identity_is_refused()
    {
        var csv = "month,channel,source,kind,amount\n2026-11,form,google,conversion,10\n2026-11,form,GOOGLE,conversion,20\n";
        var (_, errors) = SpendLedgerParser.ParseCsv(csv, "EUR");
        Assert.Contains("line 2", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var (_, errors) = SpendLedgerParser.ParseCsv("month,channel,source,kind\n", "EUR");
        Assert.Equal(("header", 1), (Assert.Single(errors).Field, errors[0].Line));
    }
}
