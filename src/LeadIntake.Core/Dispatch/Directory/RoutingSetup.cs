namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>What dispatch reads per lead: the sales directory and its ordered assignment rules.</summary>
public sealed record RoutingSetup(SalesDirectory Directory, IReadOnlyList<AssignmentRule> Rules);
