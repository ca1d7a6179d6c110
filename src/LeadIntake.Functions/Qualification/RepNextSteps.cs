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
        RepAction[] actions = lead.Status switch
        {
            LeadStatus.Assigned => [RepAction.Accept, RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
            LeadStatus.Accepted => [RepAction.Qualify, RepAction.Disqualify, RepAction.Nurture],
            LeadStatus.Sql or LeadStatus.Sal => [RepAction.Qualify, RepAction.Opportunity, RepAction.Lost, RepAction.Nurture],
            LeadStatus.Opportunity => [RepAction.Won, RepAction.Lost],
            _ => [],
        };
        var steps = actions.Select(a => (Label(a), links.For(lead.Id, rep, a))).ToList();
        if (withLeadPage) steps.Add((OpenLeadLabel, links.LeadPage(lead.Id, owner)));
        return steps;
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
