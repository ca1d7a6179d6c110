using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Stages;

namespace LeadIntake.Functions.Console;

/// <summary>
/// The cockpit's actions on one lead, each through the Core decider that owns the transition, so each leaves the
/// audit event that decider writes, with the signed-in user as its actor and the time from the clock:
/// release (<see cref="ScreeningCorrections.ReleaseAsync"/>), mark as spam (<see cref="ScreeningCorrections.ConfirmSpamAsync"/>
/// for a lead held for review, else the rep's "spam" disqualification and its feedback example), return to nurture
/// (<see cref="LeadQualifier.ReturnToNurture"/>) and reassign to a rep of the directory (<see cref="LeadDispatcher.Reassign"/>,
/// then the routed-lead mail to the new rep, sent once per assignment).
/// </summary>
internal sealed partial class ConsoleActions(
    StageRunner runner,
    ScreeningCorrections corrections,
    ISalesDirectory directory,
    RepLinks links,
    ILogger<ConsoleActions> logger)
{
    public const string ManualReason = "reassigned by hand in the console";

    public async Task<LeadChange> ApplyAsync(StoredLead stored, ConsoleAction action, ConsoleUser user, string? reason, string? repEmail, CancellationToken cancellationToken)
    {
        var change = action switch
        {
            ConsoleAction.Release => await corrections.ReleaseAsync(stored, user.Name, reason, cancellationToken).ConfigureAwait(false),
            ConsoleAction.Spam => await MarkSpamAsync(stored, user, reason, cancellationToken).ConfigureAwait(false),
            ConsoleAction.Nurture => await runner.RunAsync(stored, "console_nurture", (l, now) => StageDecision.Of(LeadQualifier.ReturnToNurture(l, user.Name, now)), cancellationToken).ConfigureAwait(false),
            ConsoleAction.Reassign => await ReassignAsync(stored, user, repEmail, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        LogAction(logger, stored.Lead.Id.Value, action, change.GetType().Name);
        return change;
    }

    /// <summary>The reps a lead can be given to: active ones of the directory (empty without a directory).</summary>
    public async Task<IReadOnlyList<SalesRep>> RepsAsync(CancellationToken cancellationToken) =>
        (await directory.LoadAsync(cancellationToken).ConfigureAwait(false))?.Directory.Reps.Where(r => r.Active).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList() ?? [];

    private async Task<LeadChange> MarkSpamAsync(StoredLead stored, ConsoleUser user, string? reason, CancellationToken cancellationToken)
    {
        if (stored.Lead.Status == LeadStatus.Review) return await corrections.ConfirmSpamAsync(stored, user.Name, cancellationToken).ConfigureAwait(false);
        return await runner.RunAsync(stored, "console_spam", (l, now) =>
        {
            var change = LeadQualifier.Disqualify(l, DisqualifyReason.Spam, reason, user.Name, now);
            // Spam a person caught is a lesson for screening: one spam example, as when a rep reports it.
            return change is LeadChange.Applied { Lead: { Status: LeadStatus.Spam, Disqualification: { Reason: DisqualifyReason.Spam } disqualified } spam }
                ? StageDecision.Of(change, new NextStep.RecordFeedback(FeedbackExamples.From(spam, LeadIntent.Spam, FeedbackSource.ReportedSpam, user.Name, disqualified.At)))
                : StageDecision.Of(change);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LeadChange> ReassignAsync(StoredLead stored, ConsoleUser user, string? repEmail, CancellationToken cancellationToken)
    {
        var setup = await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (setup is null) return new LeadChange.Rejected("No sales directory is set up: there is no other rep to choose.");
        if (setup.Directory.FindRep(repEmail) is not { Active: true } rep) return new LeadChange.Rejected("This rep is not in the sales directory or is inactive.");
        // The rep's own team keeps the SLA and a later automatic reassignment within reach of the right people.
        var team = setup.Directory.FindTeam(stored.Lead.AssignedTeam) is { } current && current.Members.Contains(rep.Email, StringComparer.OrdinalIgnoreCase)
            ? current
            : setup.Directory.Teams.FirstOrDefault(t => t.Members.Contains(rep.Email, StringComparer.OrdinalIgnoreCase)) ?? setup.Directory.DefaultTeam;
        var mails = links.MailPolicy;
        return await runner.RunAsync(stored, "console_reassign", (lead, now) =>
        {
            var assignment = new RepAssignment(rep.Email, rep.Name, $"{ManualReason} ({user.Name})", now);
            // A hand-picked rep is outside the rotation: the team's round-robin state is not touched.
            var decision = new AssignmentDecision(assignment, team, AssignmentMethod.FallbackOwner, TeamRotation.Start(team.Id), RotationChanged: false, rep);
            var change = LeadDispatcher.Reassign(lead, decision, user.Name, now);
            // The new rep hears of the lead once per assignment (the outbox keys the mail by lead and purpose).
            return change is LeadChange.Applied applied
                ? StageDecision.Of(change, new NextStep.SendMail(lead.Id, mails.RoutedLead(applied.Lead, assignment, setup, now)))
                : StageDecision.Of(change);
        }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Lead {LeadId}: console action {Action} → {Outcome}")]
    private static partial void LogAction(ILogger logger, string leadId, ConsoleAction action, string outcome);
}
