using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Mails;

namespace LeadIntake.Core.Dispatch.Sla;

/// <summary>
/// What the SLA watch decides from for one waiting lead, loaded once per lead and tick: the routing setup, the lead's
/// team, the team's rotation as read this tick (only for a lead whose SLA may start: <see cref="SlaWatch.AwaitsStart"/>),
/// the next rep with the rotation turn already reserved (only when a reassignment is due), and the mail policy.
/// </summary>
public sealed record SlaFacts(RoutingSetup Setup, SalesTeam Team, TeamRotation? Rotation, AssignmentDecision? Reassignment, RepMailPolicy Mails);
