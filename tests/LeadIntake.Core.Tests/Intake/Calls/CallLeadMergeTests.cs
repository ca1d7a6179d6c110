using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Intake.Calls.TwilioCallParserTests;

namespace LeadIntake.Core.Tests.Intake.Calls;

public sealed class CallLeadMergeTests
{
    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => (IReadOnlyList<T>)[item, .. rest]));

    private static CapturedLead Fold(IEnumerable<CallEvent> events) => events.Aggregate((CapturedLead?)null, CallLeadMerge.Merge)!;

    [Fact]
    public void Call_events_merge_to_the_same_lead_in_any_order()
    {
        var events = new[] { Incoming, Completed, Recording, Transcription }.Select(Event).ToList();
        var expected = Fold(events);
        foreach (var order in Permutations(events))
        {
            var lead = Fold(order);
            Assert.Equal(expected.Message, lead.Message);
            Assert.Equal(expected.Subject, lead.Subject);
            Assert.Equal(expected.Call, lead.Call);
            Assert.Equal(expected.Contact, lead.Contact);
            Assert.Equal(expected.ProviderEventId, lead.ProviderEventId);
        }
        Assert.Equal(CallState.Ended, expected.Call!.State);
        Assert.StartsWith("Bonjour, Paul Martin", expected.Message);
    }

    [Fact]
    public void Transcription_arriving_before_the_status_is_kept()
    {
        var lead = Fold([Event(Transcription), Event(Completed)]);
        Assert.StartsWith("Bonjour, Paul Martin", lead.Message);
        Assert.Equal(87, lead.Call!.DurationSeconds);
    }

    [Fact]
    public void Late_ringing_event_never_undoes_a_final_state()
    {
        var lead = Fold([Event(CompletedNoAnswer), Event(Incoming)]);
        Assert.Equal(CallState.Missed, lead.Call!.State);
        Assert.Equal("Missed call, no voicemail: call back.", lead.Message);
    }

    [Fact]
    public void Merging_the_same_event_twice_changes_nothing()
    {
        var once = Fold([Event(Incoming), Event(Completed)]);
        var twice = CallLeadMerge.Merge(once, Event(Completed));
        Assert.Equal(once.Call, twice.Call);
        Assert.Equal(once.Message, twice.Message);
        Assert.Equal(once.Contact, twice.Contact);
    }

    [Fact]
    public void Merging_an_event_of_another_call_is_a_caller_bug()
    {
        var lead = Fold([Event(Incoming)]);
        var other = Event(Incoming) with { CallKey = "CAother" };
        Assert.Throws<ArgumentException>(() => CallLeadMerge.Merge(lead, other));
    }
}
