using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// Composes the mails of dispatch and the SLA watch with fresh signed links, in the recipient's language (the rep's
/// first language; English without a directory) and the team's time zone.
/// </summary>
public sealed class RepMails(RepLinks links)
{
    public OutgoingMail RoutedLead(Lead lead, RepAssignment assignment, RoutingSetup? setup)
    {
        var (language, team) = Context(assignment.RepEmail, lead, setup);
        return RoutedLeadMail.Compose(lead, assignment, links.ForMail(lead.Id, assignment), language,
            team?.TimeZone ?? TimeZoneInfo.Utc, (team?.Sla ?? TeamSla.Default).AcceptWithin);
    }

    public OutgoingMail Reminder(Lead lead, RepAssignment assignment, SalesTeam team, RoutingSetup setup)
    {
        var (language, _) = Context(assignment.RepEmail, lead, setup);
        return SlaReminderMail.Compose(lead, assignment, links.ForMail(lead.Id, assignment), language, team.TimeZone,
            SlaWatch.ReassignAt(lead, team.Sla));
    }

    /// <param name="next">The new assignment, or null for an escalation.</param>
    /// <param name="waited">How long the lead waited for <paramref name="previous"/>.</param>
    public OutgoingMail ManagerNotice(Lead lead, SalesTeam team, RepAssignment previous, RepAssignment? next, RoutingSetup setup, TimeSpan waited)
        => ReassignmentNoticeMail.Compose(lead, team, previous, next, setup.Directory.FindRep(team.ManagerEmail)?.MailLanguage ?? "en",
            links.ObserverPage(lead.Id, team.ManagerEmail), waited);

    private static (string Language, SalesTeam? Team) Context(string repEmail, Lead lead, RoutingSetup? setup) =>
        setup is null
            ? ("en", null)
            : (setup.Directory.FindRep(repEmail)?.MailLanguage ?? "en", setup.Directory.FindTeam(lead.AssignedTeam) ?? setup.Directory.DefaultTeam);
}
