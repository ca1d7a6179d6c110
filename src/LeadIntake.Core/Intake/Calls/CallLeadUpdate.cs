using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// A later event of a call folded into the lead its first event created (<see cref="CallLeadMerge"/>), as a stage
/// decision: the merged capture with a <c>call_updated</c> event, or nothing when the event adds nothing (a repeat, or
/// an older state arriving late). The one next step is the lead's entry into the pipeline
/// (<see cref="CallPipelineEntry"/>): a <c>captured</c> lead whose call just ended is queued for screening.
/// </summary>
public static class CallLeadUpdate
{
    public const string Actor = "intake";

    public static StageDecision Decide(Lead lead, CallEvent callEvent, DateTimeOffset now)
    {
        var before = lead.Captured;
        var after = CallLeadMerge.Merge(before, callEvent);
        if (SameData(before, after)) return StageDecision.Unchanged(lead, "the call event adds nothing");
        var updated = lead with { Captured = after };
        var change = new LeadEvent(LeadEventType.CallUpdated, now, Actor, $"call/{callEvent.Provider}/{after.Call!.State.ToString().ToLowerInvariant()}");
        bool entersPipeline = lead.Status == LeadStatus.Captured
            && CallPipelineEntry.ShouldEnqueue(before.Call, after.Call, CallPipelineEntry.ReportsEnd(callEvent.Provider));
        return entersPipeline
            ? StageDecision.Save(updated, [change], new NextStep.Enqueue(PipelineQueue.Captured, lead.Id))
            : StageDecision.Save(updated, [change]);
    }

    /// <summary>
    /// Whether the merge changed nothing that is stored. The merge rebuilds the capture from the call, the contact and
    /// the extra fields and copies the rest, so those are the parts to compare (records compare by value; the extra
    /// fields by content).
    /// </summary>
    public static bool SameData(CapturedLead before, CapturedLead after) =>
        before.Call == after.Call
        && before.Contact == after.Contact
        && before.Subject == after.Subject
        && before.Message == after.Message
        && before.Channel == after.Channel
        && before.Provider == after.Provider
        && before.ProviderEventId == after.ProviderEventId
        && before.Source == after.Source
        && before.Signals == after.Signals
        && before.Consent == after.Consent
        && before.Attachments.Count == after.Attachments.Count
        && before.ExtraFields.Count == after.ExtraFields.Count
        && before.ExtraFields.All(p => after.ExtraFields.TryGetValue(p.Key, out var value) && value == p.Value);
}
