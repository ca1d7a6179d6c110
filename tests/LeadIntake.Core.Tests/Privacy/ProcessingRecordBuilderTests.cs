using LeadIntake.Core.Privacy;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class ProcessingRecordBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<RetentionPeriod> Retention =
    [
        new("spam", TimeSpan.FromDays(30), "default"),
        new("won", null, "until handed over"),
    ];

    private static ProcessingRecord Build(string residency, params ProcessorSetting[] processors) =>
        ProcessingRecordBuilder.Build(PrivacyPolicy.Default, residency, ["Sales reps"], processors, Retention, Now);

    [Fact]
    public void The_record_lists_each_purpose_with_its_basis_and_article()
    {
        var record = Build("EU");

        Assert.Equal(
            [("request", "Art. 6(1)(b)"), ("follow-up", "Art. 6(1)(f)"), ("newsletter", "Art. 6(1)(a)")],
            record.Purposes.Select(p => (p.Id, p.Article)).ToList());
        Assert.Equal(Now, record.GeneratedAt);
        Assert.NotEmpty(record.DataCategories);
        Assert.NotEmpty(record.SecurityMeasures);
        Assert.Equal(["Sales reps"], record.Recipients);
    }

    [Fact]
    public void A_processor_outside_the_eu_is_a_transfer_with_its_safeguard_and_a_warning_under_eu_residency()
    {
        var record = Build("EU",
            new ProcessorSetting("Azure", "hosting", "westeurope", null),
            new ProcessorSetting("Twilio", "calls", "US", "Standard contractual clauses"),
            new ProcessorSetting("Postmark", "email", "us", null));

        Assert.Equal(
            [("Twilio", "US", "Standard contractual clauses"), ("Postmark", "us", ProcessingRecordBuilder.NoSafeguard)],
            record.Transfers.Select(t => (t.Processor, t.Region, t.Safeguard)).ToList());
        Assert.Equal([true, false, false], record.Processors.Select(p => p.InsideEu).ToList());
        Assert.Equal(2, record.Warnings.Count);
        Assert.All(record.Warnings, w => Assert.Contains("outside the EU", w, StringComparison.Ordinal));
    }

    [Fact]
    public void A_processor_without_a_stated_region_is_named_as_not_stated()
    {
        var record = Build("EU", new ProcessorSetting("Smtp", "mail", null, null));

        Assert.Equal(ProcessingRecordBuilder.NotStated, Assert.Single(record.Processors).Region);
        Assert.Null(record.Processors[0].InsideEu);
        Assert.Empty(record.Transfers);
        Assert.Contains("Privacy:Processors:Smtp:Region", Assert.Single(record.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Residency_none_lists_transfers_but_warns_about_nothing()
    {
        var record = Build("None", new ProcessorSetting("Twilio", "calls", "US", null));

        Assert.Single(record.Transfers);
        Assert.Empty(record.Warnings);
        Assert.Empty(ProcessingRecordBuilder.OutsideEu("None", [new ProcessorSetting("Twilio", "calls", "US", null)]));
    }

    [Fact]
    public void Retention_periods_are_printed_in_days_with_their_source()
    {
        var record = Build("EU");

        Assert.Equal([new RecordRetention("spam", 30, "default"), new RecordRetention("won", null, "until handed over")], record.Retention);
    }

    [Theory]
    [InlineData("EU", true)]
    [InlineData("francecentral", true)]
    [InlineData("West Europe", true)]
    [InlineData("DE", true)]
    [InlineData("no", true)]
    [InlineData("US", false)]
    [InlineData("eastus", false)]
    [InlineData("uksouth", false)]
    [InlineData("switzerlandnorth", false)]
    public void Regions_inside_the_eu_or_eea_are_recognised(string region, bool inside)
    {
        Assert.Equal(inside, DataRegions.IsInsideEu(region));
    }

    [Fact]
    public void An_empty_region_is_not_stated()
    {
        Assert.Null(DataRegions.IsInsideEu("  "));
        Assert.Null(DataRegions.IsInsideEu(null));
    }
}
