using System.Globalization;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Qualification;

/// <summary>
/// Keeps the funnel honest: stale sales leads go back to marketing (nurture), and a nurtured contact who gets in
/// touch again comes back as an MQL to be dispatched. Pure, for the recycle timer and for intake's duplicate check.
/// </summary>
public static class LeadRecycler
{
    public const string Actor = "recycler";

    private static readonly LeadStatus[] Recyclable = [LeadStatus.Sql, LeadStatus.Sal, LeadStatus.Opportunity];

    /// <summary>The recycle timer's stage decision for one lead: back to nurture when stale; nothing follows.</summary>
    public static StageDecision Decide(Lead lead, RecyclePolicy policy, DateTimeOffset now) => StageDecision.Of(Recycle(lead, policy, now));

    public static LeadChange Recycle(Lead lead, RecyclePolicy policy, DateTimeOffset now)
    {
        if (Array.IndexOf(Recyclable, lead.Status) < 0) return new LeadChange.Unchanged(lead, "not a stage the recycler watches");
        var lastProgress = LastProgress(lead);
        if (now - lastProgress < policy.StaleAfter) return new LeadChange.Unchanged(lead, "progressing");
        var days = ((int)policy.StaleAfter.TotalDays).ToString(CultureInfo.InvariantCulture);
        return LeadQualifier.Move(lead, LeadTrigger.Nurture, Actor, now, LeadEventType.Recycled,
            $"{WireNames.Of(NurtureReason.NoProgress)}: no progress in {WireNames.Of(lead.Status)} for {days} days",
            l => l with { NurtureReason = NurtureReason.NoProgress });
    }

    /// <summary>A new touch (form, mail, call) from a nurtured contact: back to <c>mql</c>, ready for dispatch.</summary>
    public static LeadChange Retouch(Lead lead, string actor, DateTimeOffset now)
    {
        var change = LeadQualifier.Move(lead, LeadTrigger.Retouch, actor, now, LeadEventType.Retouched, null, l => l);
        if (change is not LeadChange.Applied applied) return change;
        // The new cycle starts clean: SLA, acceptance and the previous owners belong to the old one.
        var fresh = applied.Lead with
        {
            Assignment = null, AssignedTeam = null, SlaDueAt = null, SlaStartedAt = null, RemindedAt = null, PreviousAssignees = [], ReassignmentCount = 0,
        };
        return applied with { Lead = fresh };
    }

    /// <summary>The last recorded progress; older leads without the field fall back to when they entered their status.</summary>
    public static DateTimeOffset LastProgress(Lead lead) =>
        lead.LastProgressAt ?? lead.StageTimes.GetValueOrDefault(lead.Status, lead.CapturedAt);
}
