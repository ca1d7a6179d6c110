using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Core.Dispatch.Mails;

/// <summary>
/// The policy of the mails dispatch and the SLA watch send: in the recipient's language (the rep's first language in
/// the directory, else the team's, else English), times in the team's zone (UTC without a
/// directory), the deadline the team's SLA promises, and fresh signed links. Pure apart from the links' random nonces.
/// </summary>
public sealed class RepMailPolicy(RepMailLinks links)
{
    public const string DefaultLanguage = "en";

    /// <summary>The mail a rep gets for a lead assigned to them (first assignment, reassignment, or its repair).</summary>
    public OutgoingMail RoutedLead(Lead lead, RepAssignment assignment, RoutingSetup? setup, DateTimeOffset now)
    {
        var team = TeamOf(lead, setup);
        return RoutedLeadMail.Compose(lead, assignment, links.ForMail(lead.Id, assignment, now), LanguageOf(assignment.RepEmail, team, setup),
            team?.TimeZone ?? TimeZoneInfo.Utc, (team?.Sla ?? TeamSla.Default).AcceptWithin);
    }

    /// <summary>The SLA's first deadline passed: a nudge with when the lead moves on.</summary>
    public OutgoingMail Reminder(Lead lead, RepAssignment assignment, SalesTeam team, RoutingSetup setup, DateTimeOffset now) =>
        SlaReminderMail.Compose(lead, assignment, links.ForMail(lead.Id, assignment, now), LanguageOf(assignment.RepEmail, team, setup), team.TimeZone,
            SlaWatch.ReassignAt(lead, team.Sla));

    /// <summary>Tells the team's manager that the lead moved on (or, with <paramref name="next"/> null, that nobody took it).</summary>
    /// <param name="waited">How long the lead waited for <paramref name="previous"/>.</param>
    public OutgoingMail ManagerNotice(Lead lead, SalesTeam team, RepAssignment previous, RepAssignment? next, RoutingSetup setup, TimeSpan waited, DateTimeOffset now) =>
        ReassignmentNoticeMail.Compose(lead, team, previous, next, LanguageOf(team.ManagerEmail, team, setup), links.ObserverPage(lead.Id, team.ManagerEmail, now), waited,
            // Still waiting for acceptance: the manager can hand it on or take it (the links refuse once that is over).
            lead.Status == LeadStatus.Assigned ? links.ForManager(lead.Id, team.ManagerEmail, now) : null);

    private static string LanguageOf(string email, SalesTeam? team, RoutingSetup? setup) => setup?.Directory.LanguageOf(email, team) ?? DefaultLanguage;

    private static SalesTeam? TeamOf(Lead lead, RoutingSetup? setup) =>
        setup is null ? null : setup.Directory.FindTeam(lead.AssignedTeam) ?? setup.Directory.DefaultTeam;
}
