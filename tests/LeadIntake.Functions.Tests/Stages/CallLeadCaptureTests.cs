using System.Text;
using LeadIntake.Core.Intake.Calls;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Intake.Calls;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Tests.Stages.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>
/// The events of one call folded into its lead, on in-memory fakes: the first event creates the lead (insert first),
/// later ones update it through the stage runner. The webhook tests run the same through the real app.
/// </summary>
public sealed class CallLeadCaptureTests
{
    private const string CallKey = "CA0123456789abcdef0123456789abcdef";
    private readonly StageHarness _h = new();
    private readonly InMemoryIntakeKeys _keys = new();
    private readonly InMemoryDeliveryLedger _deliveries = new();

    private CallLeadCapture Capture()
    {
        var deferred = new DeferredEnqueues(_h.Queue, Options.Create(new IntakeOptions()), _h.Time, NullLogger<DeferredEnqueues>.Instance);
        var capture = new LeadCapture(_h.Store, _keys, _h.Queue, deferred, new FixedOptions<LeadIntake.Functions.Privacy.PrivacyOptions>(new()), _h.Time, NullLogger<LeadCapture>.Instance);
        var raw = new WebhookLeadCapture(capture, new InMemoryRawPayloads(), NullLogger<WebhookLeadCapture>.Instance);
        return new CallLeadCapture(_h.Store, _keys, _deliveries, _h.Queue, deferred, raw, _h.Runner, new FixedOptions<LeadIntake.Functions.Privacy.PrivacyOptions>(new()), _h.Time, NullLogger<CallLeadCapture>.Instance);
    }

    private static CallEvent Event(CallEventKind kind, CallState state, string delivery) => new()
    {
        Provider = "twilio",
        CallKey = CallKey,
        ProviderEventId = CallKey,
        DeliveryKey = CallKey + "|" + delivery,
        Kind = kind,
        State = state,
        From = "+33478551234",
        FromE164 = "+33478551234",
        To = "+33100000000",
    };

    private static readonly RawPayload Payload = new("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("CallSid=" + CallKey));

    private Task<CallCaptureResult> SendAsync(CallEvent callEvent) => Capture().CaptureAsync(callEvent, Payload, CancellationToken.None);

    [Fact]
    public async Task A_later_status_updates_the_lead_of_the_call_and_queues_it_for_screening_when_the_call_ends()
    {
        var first = await SendAsync(Event(CallEventKind.Incoming, CallState.Ringing, "incoming"));
        Assert.True(first.Created);
        Assert.Empty(_h.Queue.Messages);

        var ended = await SendAsync(Event(CallEventKind.Status, CallState.Missed, "missed"));

        Assert.False(ended.Created);
        Assert.Equal(first.Capture.Id, ended.Capture.Id);
        Assert.Equal(CallState.Missed, _h.Store.Get(first.Capture.Id).Captured.Call!.State);
        Assert.Single(_h.Store.Events(first.Capture.Id), e => e.Type == LeadEventType.CallUpdated);
        Assert.Equal([first.Capture.Id], _h.Queue.On(PipelineQueue.Captured));
    }

    [Fact]
    public async Task A_repeated_delivery_changes_nothing_and_queues_nothing_more()
    {
        await SendAsync(Event(CallEventKind.Incoming, CallState.Ringing, "incoming"));
        var ended = Event(CallEventKind.Status, CallState.Missed, "missed");
        await SendAsync(ended);

        var repeat = await SendAsync(ended);

        Assert.True(repeat.Capture.Duplicate);
        Assert.Equal(1, _h.Store.Saves);
        Assert.Single(_h.Queue.On(PipelineQueue.Captured));
    }

    [Fact]
    public async Task A_ringing_status_arriving_after_the_end_of_the_call_saves_nothing()
    {
        var ended = await SendAsync(Event(CallEventKind.Status, CallState.Missed, "missed"));
        Assert.Equal([ended.Capture.Id], _h.Queue.On(PipelineQueue.Captured));

        await SendAsync(Event(CallEventKind.Incoming, CallState.Ringing, "incoming"));

        Assert.Equal(0, _h.Store.Saves);
        Assert.Equal(CallState.Missed, _h.Store.Get(ended.Capture.Id).Captured.Call!.State);
        Assert.Single(_h.Queue.On(PipelineQueue.Captured));
    }

    [Fact]
    public async Task An_update_racing_screening_is_merged_into_the_screened_lead_and_not_queued_again()
    {
        var first = await SendAsync(Event(CallEventKind.Incoming, CallState.Ringing, "incoming"));
        // Screening saves the lead as an MQL just before this callback's save.
        _h.Store.BeforeNextSave(s => s.Put(s.Get(first.Capture.Id).MovedTo(LeadStatus.Mql, _h.Time.GetUtcNow())));

        var ended = await SendAsync(Event(CallEventKind.Status, CallState.Missed, "missed"));

        var lead = _h.Store.Get(first.Capture.Id);
        Assert.Equal(1, _h.Store.ConcurrentRefusals);
        Assert.Equal(LeadStatus.Mql, lead.Status);
        Assert.Equal(CallState.Missed, lead.Captured.Call!.State);
        Assert.Equal(LeadStatus.Mql, ended.Capture.Status);
        Assert.Empty(_h.Queue.On(PipelineQueue.Captured));
    }

    [Fact]
    public async Task Two_concurrent_changes_fail_the_callback_and_the_providers_retry_applies_it()
    {
        var first = await SendAsync(Event(CallEventKind.Incoming, CallState.Ringing, "incoming"));
        _h.Store.BeforeNextSave(s => s.Put(s.Get(first.Capture.Id) with { LastProgressAt = _h.Time.GetUtcNow() }));
        _h.Store.BeforeNextSave(s => s.Put(s.Get(first.Capture.Id) with { LastProgressAt = _h.Time.GetUtcNow().AddSeconds(1) }));
        var ended = Event(CallEventKind.Status, CallState.Missed, "missed");

        await Assert.ThrowsAsync<LeadChangedConcurrentlyException>(() => SendAsync(ended));
        Assert.Equal(CallState.Ringing, _h.Store.Get(first.Capture.Id).Captured.Call!.State);

        var retried = await SendAsync(ended);

        Assert.False(retried.Capture.Duplicate);
        Assert.Equal(CallState.Missed, _h.Store.Get(first.Capture.Id).Captured.Call!.State);
        Assert.Equal([first.Capture.Id], _h.Queue.On(PipelineQueue.Captured));
    }
}
