using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;
using LeadIntake.Functions.Dispatch;

namespace LeadIntake.Functions.Qualification;

/// <summary>
/// The steps a rep can take on a lead from where it stands (the lifecycle's allowed triggers), each a freshly signed
/// one-time link. The rep pages and the lead page offer the same list, so both agree on what is possible now.
/// </summary>
public static class RepNextSteps
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

    /// <summary>"This lead was marked won on 2 December 2026 by Jane Doe." from the lead and its audit trail.</summary>
    public static string WhatHappened(RepTexts t, Lead lead, IReadOnlyList<LeadEvent> events)
    {
        var done = t.Find("Stale_" + lead.Status) ?? t.Format("Stale_MovedTo", t.Of(lead.Status));
        var last = events.Count > 0 ? events.MaxBy(e => e.At) : null;
        var at = lead.StageTimes.TryGetValue(lead.Status, out var when) ? when : last?.At;
        // A person (an email) is named; a timer or pipeline stage ("sla-watch", "recycler") is left out.
        var by = last?.Actor is not { } actor || !actor.Contains('@', StringComparison.Ordinal) ? null
            : lead.Assignment is { } owner && string.Equals(actor, owner.RepEmail, StringComparison.OrdinalIgnoreCase) ? owner.RepName ?? owner.RepEmail
            : actor;
        var sentence = t.Format("Stale_What", done);
        if (at is { } time) sentence += t.Format("Stale_On", time.ToString(t["Stale_DateFormat"], t.Culture));
        if (by is not null) sentence += t.Format("Stale_By", by);
        return sentence + t["Stale_End"];
    }
}
