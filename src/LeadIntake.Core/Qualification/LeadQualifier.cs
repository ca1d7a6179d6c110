using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Qualification;

/// <summary>
/// The rep's actions after dispatch: accept, qualify (BANT), disqualify, return to nurture, then opportunity, won,
/// lost. Every status change goes through <see cref="LeadLifecycle"/>; every change yields a <see cref="LeadEvent"/>
/// with the actor and time. Pure: the handler verifies the signed link, calls here with <c>now</c>, saves.
/// </summary>
public static class LeadQualifier
{
    /// <summary>
    /// The rep takes the lead. Only the current owner can: after an SLA reassignment the previous rep's link must not
    /// steal the lead back.
    /// </summary>
    public static LeadChange Accept(Lead lead, string repEmail, DateTimeOffset now)
    {
        if (lead.Assignment is { } owner && !string.Equals(owner.RepEmail, repEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new LeadChange.Rejected("This lead was reassigned to another rep.");
        }
        return Move(lead, LeadTrigger.Accept, repEmail, now, LeadEventType.Accepted, null, l => l with { RepAcceptedAt = l.RepAcceptedAt ?? now });
    }

    /// <summary>
    /// Records the BANT answers (always, even partial ones). All four known → <c>sql</c>; and when the timing falls
    /// within the policy's horizon → <c>sal</c> as well (through <c>sql</c>, so funnel KPIs count the step).
    /// </summary>
    public static LeadChange Qualify(Lead lead, BantRecord bant, QualificationPolicy policy, string actor, DateTimeOffset now)
    {
        if (lead.Status is not (LeadStatus.Assigned or LeadStatus.Accepted or LeadStatus.Sql or LeadStatus.Sal))
        {
            return new LeadChange.Rejected($"A lead in status '{WireNames.Of(lead.Status)}' can't be qualified.");
        }
        var recorded = lead with { Bant = bant, LastProgressAt = now, RepAcceptedAt = lead.RepAcceptedAt ?? now };
        var events = new List<LeadEvent> { new(LeadEventType.BantRecorded, now, actor, Missing(bant)) };
        if (!bant.IsComplete) return new LeadChange.Applied(recorded, events);

        var current = recorded;
        if (current.Status is LeadStatus.Assigned or LeadStatus.Accepted)
        {
            current = current.MovedTo(LeadStatus.Sql, now);
            events.Add(new LeadEvent(LeadEventType.QualifiedSql, now, actor));
        }
        if (current.Status == LeadStatus.Sql && WithinHorizon(bant.Timing!, policy, now))
        {
            current = current.MovedTo(LeadStatus.Sal, now);
            events.Add(new LeadEvent(LeadEventType.QualifiedSal, now, actor));
        }
        return new LeadChange.Applied(current, events);
    }

    /// <summary>
    /// Disqualifies with a reason from the fixed list. "Not now" reasons (no budget, not decision maker, no need, timing
    /// too far) send the lead to nurture: marketing keeps it warm. Corrections don't: spam goes back to quarantine
    /// (<c>spam</c>: releasable, and a signal for screening), a duplicate or a wrong person ends in <c>lost</c> with
    /// that reason. The status list has no "excluded" state, nurture would put a duplicate into campaigns, and a
    /// lost reason lets KPIs leave corrections out of the loss rate.
    /// </summary>
    public static LeadChange Disqualify(Lead lead, DisqualifyReason reason, string? note, string actor, DateTimeOffset now)
    {
        var record = new Disqualification(reason, Intake.TextSanitizer.MultiLine(note), actor, now);
        var detail = WireNames.Of(reason);
        return reason switch
        {
            DisqualifyReason.NoBudget => ToNurture(lead, Leads.NurtureReason.NoBudget, record, actor, now),
            DisqualifyReason.NotDecisionMaker => ToNurture(lead, Leads.NurtureReason.NotDecisionMaker, record, actor, now),
            DisqualifyReason.NoNeed => ToNurture(lead, Leads.NurtureReason.NoNeed, record, actor, now),
            DisqualifyReason.TimingTooFar => ToNurture(lead, Leads.NurtureReason.TimingTooFar, record, actor, now),
            DisqualifyReason.Spam => Move(lead, LeadTrigger.ReportSpam, actor, now, LeadEventType.Disqualified, detail, l => l with { Disqualification = record }),
            DisqualifyReason.Duplicate => Move(lead, LeadTrigger.CloseAsCorrection, actor, now, LeadEventType.Disqualified, detail,
                l => l with { Disqualification = record, LostReason = Leads.LostReason.Duplicate }),
            DisqualifyReason.WrongPerson => Move(lead, LeadTrigger.CloseAsCorrection, actor, now, LeadEventType.Disqualified, detail,
                l => l with { Disqualification = record, LostReason = Leads.LostReason.WrongPerson }),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        };
    }

    /// <summary>The "return to nurture" link: interest, but not for sales now.</summary>
    public static LeadChange ReturnToNurture(Lead lead, string actor, DateTimeOffset now) =>
        Move(lead, LeadTrigger.Nurture, actor, now, LeadEventType.Nurtured, WireNames.Of(Leads.NurtureReason.ReturnedByRep),
            l => l with { NurtureReason = Leads.NurtureReason.ReturnedByRep });

    public static LeadChange CreateOpportunity(Lead lead, string actor, DateTimeOffset now) =>
        Move(lead, LeadTrigger.CreateOpportunity, actor, now, LeadEventType.OpportunityCreated, null, l => l);

    /// <param name="amount">The deal's value, optional for the rep but what the revenue KPIs count.</param>
    public static LeadChange Win(Lead lead, string actor, DateTimeOffset now, DealAmount? amount = null) =>
        Move(lead, LeadTrigger.Win, actor, now, LeadEventType.Won, null, l => l with { WonAmount = amount });

    /// <param name="competitor">Who won the deal instead, when the rep knows (optional).</param>
    public static LeadChange Lose(Lead lead, LostReason reason, string actor, DateTimeOffset now, string? competitor = null) =>
        Move(lead, LeadTrigger.Lose, actor, now, LeadEventType.Lost, WireNames.Of(reason),
            l => l with { LostReason = reason, LostToCompetitor = Intake.TextSanitizer.SingleLine(competitor) });

    internal static LeadChange Move(
        Lead lead, LeadTrigger trigger, string actor, DateTimeOffset now, LeadEventType eventType, string? detail, Func<Lead, Lead> record)
    {
        switch (LeadLifecycle.Decide(lead.Status, trigger))
        {
            case TransitionOutcome.Advanced advanced:
                var moved = record(lead.MovedTo(advanced.To, now)) with { LastProgressAt = now };
                return new LeadChange.Applied(moved, [new LeadEvent(eventType, now, actor, detail)]);
            case TransitionOutcome.AlreadyThere:
                return new LeadChange.Unchanged(lead, $"already {WireNames.Of(lead.Status)}");
            case TransitionOutcome.Rejected rejected:
                return new LeadChange.Rejected(rejected.Reason);
            default:
                throw new InvalidOperationException("Unknown transition outcome.");
        }
    }

    private static LeadChange ToNurture(Lead lead, NurtureReason reason, Disqualification record, string actor, DateTimeOffset now) =>
        Move(lead, LeadTrigger.Nurture, actor, now, LeadEventType.Disqualified, WireNames.Of(record.Reason),
            l => l with { Disqualification = record, NurtureReason = reason });

    private static bool WithinHorizon(TimingAnswer timing, QualificationPolicy policy, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return timing.LatestBy(today) is { } latest && latest <= DateOnly.FromDateTime((now + policy.SalHorizon).UtcDateTime);
    }

    private static string? Missing(BantRecord bant) =>
        bant.IsComplete ? null : "missing: " + string.Join(", ", bant.MissingFields);
}
