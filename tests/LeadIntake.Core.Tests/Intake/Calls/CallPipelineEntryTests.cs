using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.Intake.Calls;

public sealed class CallPipelineEntryTests
{
    private static CallDetails Call(CallState state) => new() { CallKey = "CA1", State = state };

    [Theory]
    [InlineData(null, CallState.Ringing, true, false)]
    [InlineData(null, CallState.Missed, true, true)]
    [InlineData(CallState.Ringing, CallState.Ended, true, true)]
    [InlineData(CallState.Ended, CallState.Answered, true, false)]
    [InlineData(CallState.Answered, CallState.Answered, true, false)]
    [InlineData(null, CallState.Ringing, false, true)]
    [InlineData(CallState.Ringing, CallState.Ringing, false, false)]
    public void A_call_enters_the_pipeline_once_when_it_becomes_final_or_on_first_event_without_end_reports(
        CallState? before, CallState after, bool reportsEnd, bool expected) =>
        Assert.Equal(expected, CallPipelineEntry.ShouldEnqueue(before is { } b ? Call(b) : null, Call(after), reportsEnd));

    [Fact]
    public void Only_acs_never_reports_the_end_of_a_call()
    {
        Assert.False(CallPipelineEntry.ReportsEnd("acs"));
        Assert.True(CallPipelineEntry.ReportsEnd("twilio"));
    }
}
