namespace LeadIntake.Core.Leads;

/// <summary>What can happen to a lead. <see cref="LeadLifecycle"/> says from which statuses each is allowed.</summary>
public enum LeadTrigger
{
    Quarantine,
    RouteToService,
    RouteToHr,
    RouteToOther,
    MarkMql,
    Assign,
    Reassign,
    Accept,
    QualifySql,
    QualifySal,
    CreateOpportunity,
    Win,
    Lose,
    Nurture,
    Release,
    Retouch,
    /// <summary>A rep found a lead screening let through is spam: back to quarantine (releasable, feeds screening).</summary>
    ReportSpam,
    /// <summary>A rep closed a lead that should never have been one (duplicate, wrong person): ends in <c>lost</c>.</summary>
    CloseAsCorrection,
    /// <summary>Screening is unsure between spam and a genuine intent: the lead waits in <c>review</c>.</summary>
    HoldForReview,
    /// <summary>A person confirmed a lead held for review (or released by mistake) is spam.</summary>
    ConfirmSpam,
    /// <summary>The service, HR or marketing mailbox says a routed request is a sales lead after all: back to <c>mql</c>.</summary>
    ReturnToSales,
}
