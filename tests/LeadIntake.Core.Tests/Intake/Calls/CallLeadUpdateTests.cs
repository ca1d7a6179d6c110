using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Tests.Intake.Calls;

/// <summary>A later call event as a stage decision: merged and saved when it adds something, queued when the call ends.</summary>
public sealed class CallLeadUpdateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static CallEvent Event(CallState state, string? transcript = null) => new()
    {
        Provider = "twilio",
        CallKey = "CA01",
        ProviderEventId = "CA01",
        DeliveryKey = "CA01|" + state + transcript,
        Kind = transcript is null ? CallEventKind.Status : CallEventKind.Transcription,
        State = state,
        From = "+33478551234",
        FromE164 = "+33478551234",
        Transcript = transcript,
    };

    private static Lead LeadOf(CallEvent first) => Lead.Capture(CallLeadMerge.Merge(null, first), LeadId.New(Now), Now).Lead;

    [Fact]
    public void The_end_of_the_call_is_saved_with_a_call_updated_event_and_queues_the_captured_lead_for_screening()
    {
        var lead = LeadOf(Event(CallState.Ringing));

        var decision = CallLeadUpdate.Decide(lead, Event(CallState.Missed), Now);

        var applied = Assert.IsType<LeadChange.Applied>(decision.Change);
        Assert.Equal(CallState.Missed, applied.Lead.Captured.Call!.State);
        Assert.Equal("call/twilio/missed", Assert.Single(applied.Events, e => e.Type == LeadEventType.CallUpdated).Detail);
        Assert.Equal(new NextStep.Enqueue(PipelineQueue.Captured, lead.Id), Assert.Single(decision.Next));
    }

    [Fact]
    public void An_event_that_adds_nothing_changes_nothing()
    {
        var lead = LeadOf(Event(CallState.Missed));

        var decision = CallLeadUpdate.Decide(lead, Event(CallState.Ringing), Now);

        Assert.IsType<LeadChange.Unchanged>(decision.Change);
        Assert.Empty(decision.Next);
    }

    [Fact]
    public void A_transcript_after_screening_updates_the_lead_without_queueing_it_again()
    {
        var screened = LeadOf(Event(CallState.Missed)).MovedTo(LeadStatus.Mql, Now);

        var decision = CallLeadUpdate.Decide(screened, Event(CallState.Unknown, "Bonjour, je voudrais un devis."), Now);

        Assert.Equal("Bonjour, je voudrais un devis.", Assert.IsType<LeadChange.Applied>(decision.Change).Lead.Captured.Message);
        Assert.Empty(decision.Next);
    }
}
