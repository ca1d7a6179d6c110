using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Dispatch;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The steps a rep can take on a lead from where it stands (the lifecycle's allowed triggers), each a freshly signed
/// one-time link. The rep pages and the lead page offer the same list, so both agree on what is possible now.
/// </summary>
internal static class RepNextSteps
{
    /// <param name="withLeadPage">Adds the lead page link last (result pages); the lead page itself leaves it out.</param>
    public static List<(string Label, string Href)> For(RepTexts t, Lead lead, string rep, RepLinks links, bool withLeadPage)
    {
        if (lead.Assignment is not { } owner || !string.Equals(owner.RepEmail, rep, StringComparison.OrdinalIgnoreCase)) return [];
        var steps = Allowed(lead.Status).Select(a => (t.Of(a), links.For(lead.Id, rep, a))).ToList();
        if (withLeadPage) steps.Add((t["Mail_OpenLead"], links.LeadPage(lead.Id, owner)));
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
}
