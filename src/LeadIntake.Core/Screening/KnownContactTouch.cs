using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Screening;

/// <summary>
/// A commercial lead from a contact already known: instead of a second dispatch, the new lead becomes a touch on the
/// contact's open lead (mql … opportunity), or wakes a nurtured one up (back to <c>mql</c>, dispatched again).
/// The new lead stays as a record of the touch: intent commercial, closed as <c>lost</c> with reason
/// <c>duplicate</c> and <see cref="Lead.AttachedTo"/> set, so no sweeper, dispatcher or SLA watch ever picks it up
/// and KPIs leave it out as a correction (docs/screening.md, "Known contacts").
/// </summary>
public static class KnownContactTouch
{
    public const string Actor = "screening";

    /// <summary>The lead to touch: the newest earlier lead of the contact that is open or in nurture, else null.</summary>
    public static Lead? Target(IEnumerable<Lead> earlierNewestFirst) =>
        earlierNewestFirst.FirstOrDefault(l => LeadLifecycle.IsOpen(l.Status) || l.Status == LeadStatus.Nurture);

    /// <summary>The new, screened MQL closed as attached to <paramref name="target"/>; null when the lifecycle refuses.</summary>
    public static (Lead Lead, LeadEvent Event)? Attach(Lead screenedMql, LeadId target, DateTimeOffset now)
    {
        if (LeadLifecycle.Decide(screenedMql.Status, LeadTrigger.CloseAsCorrection) is not TransitionOutcome.Advanced advanced) return null;
        var attached = screenedMql.MovedTo(advanced.To, now) with { AttachedTo = target, LostReason = LostReason.Duplicate };
        return (attached, new LeadEvent(LeadEventType.AttachedTo, now, Actor, target.Value));
    }

    /// <summary>
    /// The touch as a stage decision on the existing lead: saved with its events, and a lead that is (back) in
    /// <c>mql</c> queued for dispatch — also when the touch was recorded already, so a redelivery repeats the enqueue.
    /// A closed lead takes no touch: the touch stays recorded on the new lead only.
    /// </summary>
    public static StageDecision Decide(Lead existing, LeadId newLead, DateTimeOffset now)
    {
        var change = Touch(existing, newLead, now);
        return change switch
        {
            LeadChange.Applied applied => StageDecision.Of(change, DispatchIfMql(applied.Lead)),
            LeadChange.Unchanged unchanged => StageDecision.Of(change, DispatchIfMql(unchanged.Lead)),
            _ => StageDecision.Of(change),
        };
    }

    private static NextStep[] DispatchIfMql(Lead lead) =>
        lead.Status == LeadStatus.Mql ? [new NextStep.Enqueue(PipelineQueue.Dispatch, lead.Id)] : [];

    /// <summary>
    /// The touch on the existing lead: a <c>touch</c> event naming the new lead; a nurtured lead is retouched back to
    /// <c>mql</c> as well. A touch already recorded for this new lead changes nothing (a redelivery).
    /// </summary>
    public static LeadChange Touch(Lead existing, LeadId newLead, DateTimeOffset now)
    {
        if (existing.Touches.Contains(newLead.Value, StringComparer.Ordinal)) return new LeadChange.Unchanged(existing, "touch already recorded");
        var touch = new LeadEvent(LeadEventType.Touch, now, Actor, newLead.Value);
        var touches = existing.Touches.Append(newLead.Value).ToList();
        if (existing.Status == LeadStatus.Nurture)
        {
            return LeadRecycler.Retouch(existing, Actor, now) switch
            {
                LeadChange.Applied applied => new LeadChange.Applied(applied.Lead with { Touches = touches }, [touch, .. applied.Events]),
                var other => other,
            };
        }
        if (!LeadLifecycle.IsOpen(existing.Status))
        {
            return new LeadChange.Rejected($"A lead in status '{WireNames.Of(existing.Status)}' takes no touch.");
        }
        return new LeadChange.Applied(existing with { Touches = touches }, [touch]);
    }
}
