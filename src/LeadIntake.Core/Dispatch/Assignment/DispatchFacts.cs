using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Mails;

namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>
/// What dispatch decides from, loaded once per run: the routing setup (null without a directory: the default rep),
/// the assignment chosen for the lead with the team's rotation turn already reserved (null when the lead was not an
/// MQL when loaded: nothing was reserved), whether an SLA deadline applies, and the mail policy.
/// </summary>
public sealed record DispatchFacts(RoutingSetup? Setup, AssignmentDecision? Assignment, bool SlaApplies, RepMailPolicy Mails);
