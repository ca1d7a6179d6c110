using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.LeadModel;

public sealed class LeadIdTests
{
    [Fact]
    public void Ids_sort_by_capture_time_as_strings()
    {
        var start = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 200).Select(i => LeadId.New(start.AddMilliseconds(i * 7))).ToList();

        Assert.Equal(ids.Select(i => i.Value), ids.Select(i => i.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_capture_time_can_be_read_back_from_the_id()
    {
        var time = new DateTimeOffset(2026, 3, 1, 12, 34, 56, 789, TimeSpan.Zero);

        Assert.Equal(time, LeadId.New(time).Timestamp);
    }

    [Fact]
    public void Two_ids_in_the_same_millisecond_differ()
    {
        var time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.NotEqual(LeadId.New(time), LeadId.New(time));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01M88V3CTSQ0W4VR7QX3CP95Q")] // 25 characters
    [InlineData("01M88V3CTSQ0W4VR7QX3CP95QI")] // I is not Crockford base32
    [InlineData("81M88V3CTSQ0W4VR7QX3CP95QS")] // timestamp overflows 48 bits
    [InlineData("01m88v3ctsq0w4vr7qx3cp95qs")] // lower case is not our form
    public void Parse_refuses_what_is_not_a_lead_id(string text) => Assert.False(LeadId.TryParse(text, out _));

    [Theory]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")] // the largest 48-bit time: year 10889
    [InlineData("76EZ91ZQ000000000000000000")] // 9999-12-31T23:59:59.999Z plus one millisecond
    public void An_id_of_the_right_form_whose_time_is_past_year_9999_is_no_lead_id(string text)
    {
        Assert.True(LeadId.HasIdForm(text));
        Assert.False(LeadId.TryParse(text, out _));
    }

    [Fact]
    public void The_last_millisecond_of_year_9999_is_still_a_lead_id()
    {
        var id = LeadId.New(DateTimeOffset.MaxValue);

        Assert.True(LeadId.TryParse(id.Value, out var parsed));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), parsed.Timestamp.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Parse_accepts_a_generated_id() =>
        Assert.True(LeadId.TryParse(LeadId.New(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).Value, out _));
}
