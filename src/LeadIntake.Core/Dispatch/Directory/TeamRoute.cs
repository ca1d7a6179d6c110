namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// The team a lead goes to and why ("rule FR-Industry → team Industry"). Step one of assignment: the handler loads
/// this team's <see cref="TeamRotation"/> and then calls <see cref="LeadAssigner.Assign"/>.
/// </summary>
public sealed record TeamRoute(SalesTeam Team, string? RuleName, string Explanation);
