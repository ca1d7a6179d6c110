namespace LeadIntake.Core.Leads;

/// <summary>
/// The one transition table of the lead lifecycle (docs/conventions.md, 'One lifecycle table'; docs/architecture.md, 'Vocabulary'). Every status change in LeadIntake asks here first.
/// </summary>
public static class LeadLifecycle
{
    private static readonly LeadStatus[] SalesStages =
        [LeadStatus.Mql, LeadStatus.Assigned, LeadStatus.Accepted, LeadStatus.Sql, LeadStatus.Sal, LeadStatus.Opportunity];

    private static readonly Dictionary<LeadTrigger, (LeadStatus[] From, LeadStatus To)> Table = new()
    {
        [LeadTrigger.Quarantine] = ([LeadStatus.Captured], LeadStatus.Spam),
        [LeadTrigger.RouteToService] = ([LeadStatus.Captured], LeadStatus.RoutedService),
        [LeadTrigger.RouteToHr] = ([LeadStatus.Captured], LeadStatus.RoutedHr),
        [LeadTrigger.RouteToOther] = ([LeadStatus.Captured], LeadStatus.RoutedOther),
        [LeadTrigger.MarkMql] = ([LeadStatus.Captured], LeadStatus.Mql),
        [LeadTrigger.Assign] = ([LeadStatus.Mql], LeadStatus.Assigned),
        [LeadTrigger.Reassign] = ([LeadStatus.Assigned], LeadStatus.Assigned),
        [LeadTrigger.Accept] = ([LeadStatus.Assigned], LeadStatus.Accepted),
        [LeadTrigger.QualifySql] = ([LeadStatus.Assigned, LeadStatus.Accepted], LeadStatus.Sql),
        [LeadTrigger.QualifySal] = ([LeadStatus.Assigned, LeadStatus.Accepted, LeadStatus.Sql], LeadStatus.Sal),
        [LeadTrigger.CreateOpportunity] = ([LeadStatus.Sql, LeadStatus.Sal], LeadStatus.Opportunity),
        [LeadTrigger.Win] = ([LeadStatus.Opportunity], LeadStatus.Won),
        [LeadTrigger.Lose] = ([LeadStatus.Sql, LeadStatus.Sal, LeadStatus.Opportunity], LeadStatus.Lost),
        [LeadTrigger.Nurture] = (SalesStages, LeadStatus.Nurture),
        [LeadTrigger.Release] = ([LeadStatus.Spam, LeadStatus.Review], LeadStatus.Captured),
        [LeadTrigger.Retouch] = ([LeadStatus.Nurture], LeadStatus.Mql),
        // Corrections (docs/dispatch.md, "Lifecycle"): spam goes back to quarantine where it can be released,
        // a duplicate or a wrong person is closed as lost with that reason so KPIs can leave corrections out.
        [LeadTrigger.ReportSpam] = ([LeadStatus.Mql, LeadStatus.Assigned, LeadStatus.Accepted], LeadStatus.Spam),
        [LeadTrigger.CloseAsCorrection] = (SalesStages, LeadStatus.Lost),
        // The review band (docs/screening.md): unsure leads wait for a person, who releases them or confirms spam.
        [LeadTrigger.HoldForReview] = ([LeadStatus.Captured], LeadStatus.Review),
        [LeadTrigger.ConfirmSpam] = ([LeadStatus.Review], LeadStatus.Spam),
        [LeadTrigger.ReturnToSales] = ([LeadStatus.RoutedService, LeadStatus.RoutedHr, LeadStatus.RoutedOther], LeadStatus.Mql),
    };

    public static TransitionOutcome Decide(LeadStatus current, LeadTrigger trigger)
    {
        var (from, to) = Table[trigger];
        if (Array.IndexOf(from, current) >= 0) return new TransitionOutcome.Advanced(to);
        if (current == to) return new TransitionOutcome.AlreadyThere(to);
        return new TransitionOutcome.Rejected(
            $"A lead in status '{WireNames.Of(current)}' can't be moved by '{WireNames.Of(trigger)}'; " +
            $"allowed from: {string.Join(", ", from.Select(WireNames.Of))}.");
    }

    /// <summary>Statuses in which a lead is still being worked by sales (a new touch attaches to it).</summary>
    public static bool IsOpen(LeadStatus status) => Array.IndexOf(SalesStages, status) >= 0;
}
