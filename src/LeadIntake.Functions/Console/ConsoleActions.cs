using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Qualification;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Screening;

namespace LeadIntake.Functions.Console;

/// <summary>
/// The cockpit's actions on one lead, each through the Core decider that owns the transition, so each leaves the
/// audit event that decider writes, with the signed-in user as its actor and the time from the clock:
/// release (<see cref="ScreeningCorrections.ReleaseAsync"/>), mark as spam (<see cref="ScreeningCorrections.ConfirmSpamAsync"/>
/// for a lead held for review, else the rep's "spam" disqualification and its feedback example), return to nurture
/// (<see cref="LeadQualifier.ReturnToNurture"/>) and reassign to a rep of the directory (<see cref="LeadDispatcher.Reassign"/>,
/// then the routed-lead mail to the new rep, sent once per assignment).
/// </summary>
public sealed partial class ConsoleActions(
    ILeadStore store,
    ScreeningCorrections corrections,
    ISalesDirectory directory,
    IMailOutbox outbox,
    RepMails mails,
    TimeProvider time,
    ILogger<ConsoleActions> logger)
{
    public const string ManualReason = "reassigned by hand in the console";

    public async Task<LeadChange> ApplyAsync(StoredLead stored, ConsoleAction action, ConsoleUser user, string? reason, string? repEmail, CancellationToken cancellationToken)
    {
        var change = action switch
        {
            ConsoleAction.Release => await corrections.ReleaseAsync(stored, user.Name, reason, cancellationToken).ConfigureAwait(false),
            ConsoleAction.Spam => await MarkSpamAsync(stored, user, reason, cancellationToken).ConfigureAwait(false),
            ConsoleAction.Nurture => await SaveAsync(stored, l => LeadQualifier.ReturnToNurture(l, user.Name, time.GetUtcNow()), cancellationToken).ConfigureAwait(false),
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
        var change = await SaveAsync(stored, l => LeadQualifier.Disqualify(l, DisqualifyReason.Spam, reason, user.Name, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (change is LeadChange.Applied applied) await corrections.RecordReportedSpamAsync(applied.Lead, user.Name, cancellationToken).ConfigureAwait(false);
        return change;
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
        RepAssignment? assignment = null;
        var change = await SaveAsync(stored, lead =>
        {
            var now = time.GetUtcNow();
            assignment = new RepAssignment(rep.Email, rep.Name, $"{ManualReason} ({user.Name})", now);
            // A hand-picked rep is outside the rotation: the team's round-robin state is not touched.
            var decision = new AssignmentDecision(assignment, team, AssignmentMethod.FallbackOwner, TeamRotation.Start(team.Id), RotationChanged: false, rep);
            return LeadDispatcher.Reassign(lead, decision, user.Name, now);
        }, cancellationToken).ConfigureAwait(false);
        if (change is LeadChange.Applied applied && assignment is not null)
        {
            await outbox.SendOnceAsync(applied.Lead.Id, mails.RoutedLead(applied.Lead, assignment, setup), cancellationToken).ConfigureAwait(false);
        }
        return change;
    }

    /// <summary>Decide, save with the ETag; when someone saved first, reload and decide once more (then give up).</summary>
    private async Task<LeadChange> SaveAsync(StoredLead stored, Func<Lead, LeadChange> decide, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var change = decide(stored.Lead);
            if (change is not LeadChange.Applied applied) return change;
            try
            {
                var saved = await store.SaveAsync(stored, applied.Lead, applied.Events, cancellationToken).ConfigureAwait(false);
                return applied with { Lead = saved.Lead };
            }
            catch (LeadChangedConcurrentlyException) when (attempt == 0)
            {
                if (await store.FindAsync(stored.Lead.Id, cancellationToken).ConfigureAwait(false) is not { } fresh) return new LeadChange.Rejected("The lead no longer exists.");
                stored = fresh;
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Lead {LeadId}: console action {Action} → {Outcome}")]
    private static partial void LogAction(ILogger logger, string leadId, ConsoleAction action, string outcome);
}
