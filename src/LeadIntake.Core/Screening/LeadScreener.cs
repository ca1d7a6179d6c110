using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The screening decider. Foundation version: every lead is commercial and becomes an MQL. The real spam verdict,
/// normalisation and intent rules replace this body (issue "Screening"); the signature stays.
/// </summary>
public static class LeadScreener
{
    public const string RulesVersion = "passthrough-0";

    public static ScreeningOutcome Screen(Lead lead, DateTimeOffset now)
    {
        _ = now;
        var decision = new ScreeningDecision(
            LeadIntent.Commercial,
            Confidence: 0.0,
            SpamScore: 0.0,
            Reasons: ["no screening rules yet: every lead is treated as commercial"],
            RulesVersion);
        return new ScreeningOutcome(TriggerFor(decision.Intent), decision);
    }

    public static LeadTrigger TriggerFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Spam => LeadTrigger.Quarantine,
        LeadIntent.Service => LeadTrigger.RouteToService,
        LeadIntent.Hr => LeadTrigger.RouteToHr,
        LeadIntent.Other => LeadTrigger.RouteToOther,
        _ => LeadTrigger.MarkMql,
    };
}
