using LeadIntake.Core.Dispatch;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Dispatch;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The steps a rep can take on a lead from where it stands (the lifecycle's allowed triggers), each a freshly signed
/// one-time link. The rep pages and the lead page offer the same list, so both agree on what is possible now.
/// </summary>
public static class RepNextSteps
{
    public const string OpenLeadLabel = "Open the lead";

    /// <param name="withLeadPage">Adds the lead page link last (result pages); the lead page itself leaves it out.</param>
    public static List<(string Label, string Href)> For(Lead lead, string rep, RepLinks links, bool withLeadPage)
    {
        if (lead.Assignment is not { } owner || !string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase)) return [];
        var steps = Allowed(lead.Status).Select(a => (Label(a), links.For(lead.Id, rep, a))).ToList();
        if (withLeadPage) steps.Add((OpenLeadLabel, links.LeadPage(lead.Id, owner)));
        return steps;
    }

    /// <summary>The rep actions the lifecycle allows from <paramref name="status"/>.</summary>
    public static RepAction[] Allowed(LeadStatus status) => status switch
    {
        LeadStatus.Assigned => [RepAction.Accept, RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
        LeadStatus.Accepted => [RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
        LeadStatus.Sql or LeadStatus.Sal => [RepAction.Qualify, RepAction.Opportunity, RepAction.Lost, RepAction.Nurture],
        LeadStatus.Opportunity => [RepAction.Won, RepAction.Lost],
        _ => [],
    };

    /// <summary>"This lead was marked won on 2 December 2026 by Jane Doe." from the lead and its audit trail.</summary>
    public static string WhatHappened(Lead lead, IReadOnlyList<LeadEvent> events)
    {
        var done = lead.Status switch
        {
            LeadStatus.Won => "marked won",
            LeadStatus.Lost => "marked lost",
            LeadStatus.Nurture => "returned to marketing (nurture)",
            LeadStatus.Spam => "reported as spam",
            LeadStatus.Accepted => "accepted",
            LeadStatus.Sql => "qualified (SQL)",
            LeadStatus.Sal => "qualified (SAL)",
            LeadStatus.Opportunity => "turned into an opportunity",
            LeadStatus.Assigned => "assigned",
            _ => $"moved to {WireNames.Of(lead.Status).Replace('_', ' ')}",
        };
        var last = events.Count > 0 ? events.MaxBy(e => e.At) : null;
        var at = lead.StageTimes.TryGetValue(lead.Status, out var when) ? when : last?.At;
        // A person (an email) is named; a timer or pipeline stage ("sla-watch", "recycler") is left out.
        var by = last?.Actor is not { } actor || !actor.Contains('@', StringComparison.Ordinal) ? null
            : lead.Assignment is { } owner && string.Equals(actor, owner.RepEmail, StringComparison.OrdinalIgnoreCase) ? owner.RepName ?? owner.RepEmail
            : actor;
        var sentence = $"This lead was {done}";
        if (at is { } time) sentence += $" on {time.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"))}";
        if (by is not null) sentence += $" by {by}";
        return sentence + ", so this link has nothing left to do.";
    }

    public static string Label(RepAction action) => action switch
    {
        RepAction.Accept => "Accept",
        RepAction.Qualify => "Qualify (BANT)",
        RepAction.Disqualify => "Disqualify",
        RepAction.Nurture => "Return to nurture",
        RepAction.Opportunity => "Create opportunity",
        RepAction.Won => "Won",
        RepAction.Lost => "Lost",
        _ => action.ToString(),
    };
}
