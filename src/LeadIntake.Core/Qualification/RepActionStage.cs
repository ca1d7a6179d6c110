using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Qualification;

/// <summary>
/// A rep's action on a lead as a stage decision (docs/architecture.md, "The stage contract"): only the lead's current
/// owner may act (an old link after a reassignment is refused); the action itself is one of
/// <see cref="LeadQualifier"/>'s deciders. What follows a saved action: accepting or qualifying makes the rep the
/// owner of the lead's account, so later leads from it go to them; spam a rep caught becomes a <c>spam</c> example for
/// screening. A repeat that finds the action done takes the same steps again (each is idempotent). Pure.
/// </summary>
public static class RepActionStage
{
    /// <param name="act">The action's decider, with the posted values (<see cref="LeadQualifier"/>).</param>
    /// <param name="reassigned">The refusal shown to a rep who no longer owns the lead, in their language.</param>
    public static StageDecision Decide(Lead lead, RepAction action, string rep, Func<Lead, LeadChange> act, string reassigned, DateTimeOffset now)
    {
        if (!IsOwner(lead, rep)) return StageDecision.Reject(reassigned);
        var change = act(lead);
        var acted = change switch
        {
            LeadChange.Applied applied => applied.Lead,
            LeadChange.Unchanged unchanged => unchanged.Lead,
            _ => null,
        };
        if (acted is null) return StageDecision.Of(change);
        var next = new List<NextStep>();
        if (action is RepAction.Accept or RepAction.Qualify) next.Add(new NextStep.RecordAccountOwner(acted, rep, now));
        if (action == RepAction.Disqualify && acted.Status == LeadStatus.Spam && acted.Disqualification is { Reason: DisqualifyReason.Spam } disqualified)
        {
            next.Add(new NextStep.RecordFeedback(FeedbackExamples.From(acted, LeadIntent.Spam, FeedbackSource.ReportedSpam, rep, disqualified.At)));
        }
        return StageDecision.Of(change, next);
    }

    /// <summary>Whether <paramref name="rep"/> may act on the lead: it has no owner yet, or they are it.</summary>
    public static bool IsOwner(Lead lead, string rep) =>
        lead.Assignment is not { } owner || string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase);
}
